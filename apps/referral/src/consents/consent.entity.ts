import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentPurpose } from '#shared';

/** Who gave a consent. Stored: never rename. */
export const CONSENT_GIVERS = ['victim', 'guardian', 'legal_representative'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/** One consent record; records are never changed: the latest per purpose wins. */
@Entity({ name: 'consents', schema: 'referral' })
export class Consent {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** Insertion order: decides which record is the latest. */
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ name: 'victim_id', type: 'uuid' }) victimId!: string;
  @Column({ type: 'text' }) purpose!: ConsentPurpose;
  @Column({ type: 'boolean' }) granted!: boolean;
  /** The victim; for a child, the guardian or legal representative who gave it. */
  @Column({ name: 'given_by', type: 'text' }) givenBy!: ConsentGiver;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @Column({ name: 'recorded_by_org', type: 'text' }) recordedByOrg!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
