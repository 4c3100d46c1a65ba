import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PayoutMethod } from '#shared';
import { bigintNumber } from '../common/bigint.transformer.js';
import type { ChangeRequestKind, PayoutStatus } from './payout-state.js';

/** Stored in the database: never rename. */
export type ChangeDecision = 'confirmed' | 'rejected' | 'overtaken';

/** A payment of compensation by the Fund. Personal fields are ciphertexts (PaymentDataCipher). */
@Entity({ name: 'payouts' })
export class Payout {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'claim_id', type: 'uuid' }) claimId!: string;
  @Column({ name: 'victim_ref', type: 'varchar' }) victimRef!: string;
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber }) amountMinor!: number;
  @Column({ type: 'char', length: 3 }) currency!: 'AZN';
  @Column({ type: 'varchar' }) method!: PayoutMethod;
  @Column({ type: 'varchar' }) status!: PayoutStatus;
  @Column({ name: 'beneficiary_name_enc', type: 'text' }) beneficiaryNameEnc!: string;
  @Column({ name: 'iban_enc', type: 'text', nullable: true }) ibanEnc!: string | null;
  /** The creditor bank's BIC (ISO 9362); required for a foreign IBAN. Identifies a bank, not a person. */
  @Column({ type: 'varchar', nullable: true }) bic!: string | null;
  /** the method was the victim's choice (NULL only on payouts made before this was recorded). */
  @Column({ name: 'method_chosen_by', type: 'varchar', nullable: true }) methodChosenBy!: 'victim' | null;
  @Column({ name: 'method_recorded_by', type: 'varchar', nullable: true }) methodRecordedBy!: string | null;
  @Column({ name: 'method_recorded_at', type: 'timestamptz', nullable: true }) methodRecordedAt!: Date | null;
  @Column({ name: 'idempotency_key', type: 'varchar' }) idempotencyKey!: string;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'approved_by', type: 'varchar', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt!: Date | null;
  @Column({ name: 'batch_id', type: 'uuid', nullable: true }) batchId!: string | null;
  @Column({ name: 'bank_reference', type: 'varchar', nullable: true }) bankReference!: string | null;
  @Column({ name: 'failure_reason', type: 'varchar', nullable: true }) failureReason!: string | null;
  @Column({ name: 'receipt_number', type: 'varchar', nullable: true }) receiptNumber!: string | null;
  @Column({ name: 'identity_document_enc', type: 'text', nullable: true }) identityDocumentEnc!:
    string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One step of a payout's life: who moved it from which state to which, and when. */
@Entity({ name: 'payout_transitions' })
export class PayoutTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'payout_id', type: 'uuid' }) payoutId!: string;
  @Column({ name: 'from_status', type: 'varchar', nullable: true }) fromStatus!: PayoutStatus | null;
  @Column({ name: 'to_status', type: 'varchar' }) toStatus!: PayoutStatus;
  @Column({ type: 'varchar' }) actor!: string;
  @Column({ type: 'varchar', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}

/** One person's request that a payout whose file was issued be failed or returned (four eyes, R-3.8). Insert-only. */
@Entity({ name: 'payout_change_requests' })
export class PayoutChangeRequest {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'payout_id', type: 'uuid' }) payoutId!: string;
  @Column({ type: 'varchar' }) kind!: ChangeRequestKind;
  @Column({ type: 'varchar' }) reason!: string;
  @Column({ name: 'requested_by', type: 'varchar' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
}

/** What became of a change request: confirmed by a second person, rejected, or overtaken by a bank report. Insert-only. */
@Entity({ name: 'payout_change_decisions' })
export class PayoutChangeDecision {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' }) requestId!: string;
  @Column({ type: 'varchar' }) decision!: ChangeDecision;
  @Column({ name: 'decided_by', type: 'varchar' }) decidedBy!: string;
  @Column({ type: 'varchar', nullable: true }) note!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt!: Date;
}
