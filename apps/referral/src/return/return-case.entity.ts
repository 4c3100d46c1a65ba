import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReturnStatus, ReturnWish } from '#shared';

/** A foreign victim's return to their country (R-1.2 repatriation), only as the victim wishes. */
@Entity({ name: 'return_cases', schema: 'referral' })
export class ReturnCase {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'victim_id', type: 'uuid' }) victimId!: string;
  @Column({ type: 'text' }) wish!: ReturnWish;
  @Column({ name: 'destination_country', type: 'text' }) destinationCountry!: string;
  /** Kinds of travel documents needed (passport, travel_document, …): codes, no numbers. */
  @Column({ name: 'documents_needed', type: 'text', array: true }) documentsNeeded!: string[];
  @Column({ type: 'text' }) status!: ReturnStatus;
  /** Whether MFA and SMS were told (only once the victim wished to return). */
  @Column({ type: 'boolean' }) announced!: boolean;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
