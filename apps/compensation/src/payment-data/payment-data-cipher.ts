import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { parseKeyRing } from '#shared';

/** Fields encrypted at rest; part of the additional authenticated data, so a value cannot be moved. */
export type ProtectedField = 'beneficiary_name' | 'iban' | 'identity_document';

const VERSION = 'v1';

/**
 * Encrypts beneficiaries' payment data (name, IBAN, identity document) with AES-256-GCM (R-1.3.2).
 *
 * Stored form: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts), so each value names the key that
 * wrote it and keys can rotate: new values use the active key, old ones stay readable while their key
 * is in the ring. The additional authenticated data binds a value to its table, row and field: a
 * ciphertext copied to another payout or column fails to decrypt.
 */
// @clause R-1.3.2 beneficiaries' payment data is encrypted at rest
export class PaymentDataCipher {
  private readonly ring: Map<string, Buffer>;

  constructor(keyRing: string, private readonly activeKeyId: string) {
    this.ring = parseKeyRing(keyRing);
    if (!this.ring.has(activeKeyId)) throw new Error('active payment data key is not in the key ring');
  }

  encrypt(plaintext: string, rowId: string, field: ProtectedField): string {
    const key = this.ring.get(this.activeKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(rowId, field));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.activeKeyId, b64(iv), b64(tag), b64(ct)].join('.');
  }

  decrypt(stored: string, rowId: string, field: ProtectedField): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('unknown payment data format');
    const [, kid, iv, tag, ct] = parts as [string, string, string, string, string];
    const key = this.ring.get(kid);
    if (!key) throw new Error(`payment data key ${kid} is not in the key ring`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(rowId, field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Id of the key that wrote a stored value (for re-encryption after a rotation). */
  static keyIdOf(stored: string): string | undefined {
    return stored.split('.')[1];
  }
}

function aad(rowId: string, field: ProtectedField): Buffer {
  return Buffer.from(`compensation.payouts:${rowId}:${field}`, 'utf8');
}

function b64(buf: Buffer): string {
  return buf.toString('base64url');
}
