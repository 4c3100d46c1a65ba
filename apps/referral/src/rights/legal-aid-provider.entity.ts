import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation giving free legal aid to victims. Organisation contacts, not personal data. */
@Entity({ name: 'legal_aid_providers', schema: 'referral' })
export class LegalAidProvider {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) region!: string;
  @Column({ type: 'text', array: true }) languages!: string[];
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  /** Organisation code its `service_provider` staff sign in with: legal-aid requests are addressed to it. */
  @Column({ name: 'org_code', type: 'text', nullable: true }) orgCode!: string | null;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
