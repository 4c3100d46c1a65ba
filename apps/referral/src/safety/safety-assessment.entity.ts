import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskLevel } from '#shared';

/**
 * The special police unit's safety assessment of a victim: the risk level, the threats and the
 * protection measures taken (encrypted like every personal field: they say who threatens the victim
 * and where they are protected), and whether disclosure of the victim's whereabouts is restricted.
 */
@Entity({ name: 'safety_assessments', schema: 'referral' })
export class SafetyAssessment {
  @PrimaryColumn({ name: 'victim_id', type: 'uuid' }) victimId!: string;
  @Column({ name: 'risk_level', type: 'text' }) riskLevel!: RiskLevel;
  @Column({ name: 'threats_enc', type: 'text' }) threatsEnc!: string;
  @Column({ name: 'measures_enc', type: 'text' }) measuresEnc!: string;
  @Column({ name: 'restrict_disclosure', type: 'boolean' }) restrictDisclosure!: boolean;
  @Column({ name: 'assessed_by', type: 'text' }) assessedBy!: string;
  @Column({ name: 'assessed_at', type: 'timestamptz' }) assessedAt!: Date;
  @Column({ type: 'integer' }) version!: number;
}
