import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CloseReason } from '#shared';
import type { ReferralKind, ReferralStatus } from '../common/vocabulary.js';

/** A referral: the report of a presumed victim or a detected crime, and its handover (R-4.1 … ). */
@Entity({ name: 'referrals', schema: 'referral' })
export class Referral {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'case_number', type: 'text' }) caseNumber!: string;
  /** Null while a detected crime has no person known. */
  @Column({ name: 'victim_id', type: 'uuid', nullable: true }) victimId!: string | null;
  /** Opaque pseudonym (also in `victims`), kept here so events and lists need no join. */
  @Column({ name: 'victim_ref', type: 'text' }) victimRef!: string;
  @Column({ type: 'text' }) kind!: ReferralKind;
  @Column({ type: 'text' }) status!: ReferralStatus;
  @Column({ name: 'reporting_org', type: 'text' }) reportingOrg!: string;
  @Column({ name: 'reported_by', type: 'text' }) reportedBy!: string;
  @Column({ type: 'text' }) region!: string;
  @Column({ type: 'text', array: true }) exploitation!: string[];
  @Column({ name: 'urgent_needs', type: 'text', array: true }) urgentNeeds!: string[];
  @Column({ name: 'identified_at', type: 'timestamptz' }) identifiedAt!: Date;
  @Column({ name: 'handover_due_at', type: 'timestamptz' }) handoverDueAt!: Date;
  @Column({ name: 'likely_duplicate', type: 'boolean' }) likelyDuplicate!: boolean;
  @Column({ name: 'handover_to_officer', type: 'text', nullable: true }) handoverToOfficer!: string | null;
  @Column({ name: 'handover_requested_at', type: 'timestamptz', nullable: true })
  handoverRequestedAt!: Date | null;
  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true }) handedOverAt!: Date | null;
  @Column({ name: 'handover_late', type: 'boolean', nullable: true }) handoverLate!: boolean | null;
  @Column({ name: 'approaching_notified_at', type: 'timestamptz', nullable: true })
  approachingNotifiedAt!: Date | null;
  /** When the 24-hour deadline was recorded as breached (by the monitor or a late acceptance). */
  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  /** What was reported about a crime with no person yet (AAD = referral id); moved to the victim's record when added. */
  @Column({ name: 'circumstances_enc', type: 'text', nullable: true }) circumstancesEnc!: string | null;
  @Column({ name: 'documents_enc', type: 'text', nullable: true }) documentsEnc!: string | null;
  @Column({ name: 'person_added_at', type: 'timestamptz', nullable: true }) personAddedAt!: Date | null;
  @Column({ name: 'person_added_by', type: 'text', nullable: true }) personAddedBy!: string | null;
  /** Kinds of the documents delivered with the person at the handover. */
  @Column({ name: 'handover_documents', type: 'text', array: true, nullable: true })
  handoverDocuments!: string[] | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'text', nullable: true }) closedBy!: string | null;
  @Column({ name: 'close_reason', type: 'text', nullable: true }) closeReason!: CloseReason | null;
  @Column({ name: 'status_before_close', type: 'text', nullable: true })
  statusBeforeClose!: ReferralStatus | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
