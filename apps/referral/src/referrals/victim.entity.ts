import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Sex } from '#shared';

/**
 * The only store of a victim's identity. Names, birth date, contact, circumstances and documents are
 * encrypted per field (`kid:iv:tag:ciphertext`, AES-256-GCM, AAD = row id + field): no plaintext
 * personal data in the table.
 */
@Entity({ name: 'victims', schema: 'referral' })
export class Victim {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'victim_ref', type: 'text' }) victimRef!: string;
  @Column({ type: 'text' }) sex!: Sex;
  @Column({ name: 'age_estimate', type: 'integer', nullable: true }) ageEstimate!: number | null;
  @Column({ type: 'text' }) citizenship!: string;
  @Column({ type: 'text', array: true }) languages!: string[];
  @Column({ name: 'given_name_enc', type: 'text' }) givenNameEnc!: string;
  @Column({ name: 'family_name_enc', type: 'text' }) familyNameEnc!: string;
  @Column({ name: 'date_of_birth_enc', type: 'text', nullable: true }) dateOfBirthEnc!: string | null;
  @Column({ name: 'contact_enc', type: 'text', nullable: true }) contactEnc!: string | null;
  @Column({ name: 'circumstances_enc', type: 'text', nullable: true }) circumstancesEnc!: string | null;
  @Column({ name: 'documents_enc', type: 'text', nullable: true }) documentsEnc!: string | null;
  /** Keyed HMAC of normalised name and birth date: finds likely duplicates without decrypting. */
  @Column({ name: 'blind_index', type: 'text', nullable: true }) blindIndex!: string | null;
  /** When the personal data was erased: the data key and the blind index are gone. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
