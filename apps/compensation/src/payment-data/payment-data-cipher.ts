import { FieldCipher, parseKeyRing } from '#shared';

/** Fields encrypted at rest; part of the additional authenticated data, so a value cannot be moved. */
export type ProtectedField = 'beneficiary_name' | 'iban' | 'identity_document';

/**
 * Encrypts beneficiaries' payment data (name, IBAN, identity document) with the shared
 * {@link FieldCipher} (AES-256-GCM, R-1.3.2). Stored form `v1.<kid>.<iv>.<tag>.<ciphertext>`, which
 * is the form this service always wrote, so every stored value opens. The context (additional
 * authenticated data) binds a value to its table, row and field: a ciphertext copied to another
 * payout or column fails to decrypt.
 */
// @clause R-1.3.2 beneficiaries' payment data is encrypted at rest
export class PaymentDataCipher {
  private readonly cipher: FieldCipher;

  constructor(keyRing: string, activeKeyId: string) {
    const ring = parseKeyRing(keyRing);
    if (!ring.has(activeKeyId)) throw new Error('active payment data key is not in the key ring');
    this.cipher = new FieldCipher(ring, activeKeyId);
  }

  encrypt(plaintext: string, rowId: string, field: ProtectedField): string {
    return this.cipher.seal(plaintext, context(rowId, field));
  }

  decrypt(stored: string, rowId: string, field: ProtectedField): string {
    return this.cipher.open(stored, context(rowId, field));
  }

  /** Id of the key that wrote a stored value (for re-encryption after a rotation). */
  static keyIdOf(stored: string): string | undefined {
    return FieldCipher.keyIdOf(stored);
  }
}

function context(rowId: string, field: ProtectedField): string {
  return `compensation.payouts:${rowId}:${field}`;
}
