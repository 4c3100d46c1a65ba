import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { dataKeySealer, type VictimSealer } from './victim-sealer.js';

/** Fields of a victim's record that are encrypted at rest. Part of the AAD: never rename. */
export type PiiField =
  | 'givenName'
  | 'familyName'
  | 'dateOfBirth'
  | 'contact'
  | 'circumstances'
  | 'documents'
  | 'threats'
  | 'measures'
  | 'dataKey';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/**
 * Authenticated encryption of personal data (AES-256-GCM, random 96-bit IV per value). A stored
 * value is `kid:iv:tag:ciphertext` (base64 parts), so keys can rotate: new values use the active
 * key, old ones are read with the key they name. The additional authenticated data binds a value to
 * its row and field, so a ciphertext copied into another row or column fails to decrypt.
 */
// @clause R-1.3.2 victims' personal fields are sealed with AES-256-GCM bound to their row and field
export class PiiCipher {
  constructor(
    private readonly ring: Map<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    if (!ring.has(activeKeyId)) throw new Error('the active PII key id is not in the key ring');
  }

  encrypt(plaintext: string, rowId: string, field: PiiField): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.ring.get(this.activeKeyId)!, iv);
    cipher.setAAD(aad(rowId, field));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      this.activeKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  encryptOptional(plaintext: string | undefined | null, rowId: string, field: PiiField): string | null {
    return plaintext === undefined || plaintext === null ? null : this.encrypt(plaintext, rowId, field);
  }

  decrypt(stored: string, rowId: string, field: PiiField): string {
    const [kid, iv, tag, ciphertext] = stored.split(':');
    const key = kid ? this.ring.get(kid) : undefined;
    if (!key || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('encrypted value has an unknown key id or a bad format');
    }
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
    decipher.setAAD(aad(rowId, field));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  decryptOptional(stored: string | null, rowId: string, field: PiiField): string | null {
    return stored === null ? null : this.decrypt(stored, rowId, field);
  }

  /**
   * A new data key of a victim (R-1.3.2 crypto-shredding): its sealer, and the key wrapped under the
   * active ring key, to store in `victim_keys` (deleting that row erases every copy of the fields).
   */
  newDataKey(victimId: string): { sealer: VictimSealer; wrapped: string } {
    const key = randomBytes(32);
    return {
      sealer: dataKeySealer(victimId, key, this),
      wrapped: this.encrypt(key.toString('base64'), victimId, 'dataKey'),
    };
  }

  /** The sealer of a victim: with their data key, or the ring alone for a row not yet re-keyed (`wrapped` null). */
  forVictim(victimId: string, wrapped: string | null): VictimSealer {
    const key = wrapped === null ? null : Buffer.from(this.decrypt(wrapped, victimId, 'dataKey'), 'base64');
    return dataKeySealer(victimId, key, this);
  }
}

function aad(rowId: string, field: PiiField): Buffer {
  return Buffer.from(`nrm.referral.victims:${rowId}:${field}`, 'utf8');
}
