import { randomBytes } from 'node:crypto';
import { FieldCipher } from '#shared';
import { dataKeySealer, piiContext, type VictimSealer } from './victim-sealer.js';

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

/**
 * Authenticated encryption of personal data under the key ring, with the shared {@link FieldCipher}
 * (AES-256-GCM, random 96-bit IV per value). New values are `v1.<kid>.<iv>.<tag>.<ciphertext>`; the
 * form this service wrote before, `kid:iv:tag:ciphertext`, is still read. Keys can rotate: new values
 * use the active key, old ones are read with the key they name. The additional authenticated data
 * binds a value to its row and field, so a ciphertext copied into another row or column fails to
 * decrypt.
 */
// @clause R-1.3.2 victims' personal fields are sealed with AES-256-GCM bound to their row and field
export class PiiCipher {
  private readonly cipher: FieldCipher;

  constructor(ring: Map<string, Buffer>, activeKeyId: string) {
    if (!ring.has(activeKeyId)) throw new Error('the active PII key id is not in the key ring');
    this.cipher = new FieldCipher(ring, activeKeyId, { legacy: ['kid-colon'] });
  }

  encrypt(plaintext: string, rowId: string, field: PiiField): string {
    return this.cipher.seal(plaintext, piiContext(rowId, field));
  }

  encryptOptional(plaintext: string | undefined | null, rowId: string, field: PiiField): string | null {
    return plaintext === undefined || plaintext === null ? null : this.encrypt(plaintext, rowId, field);
  }

  decrypt(stored: string, rowId: string, field: PiiField): string {
    return this.cipher.open(stored, piiContext(rowId, field));
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
