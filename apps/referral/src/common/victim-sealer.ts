import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PiiField } from './pii-cipher.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
/** Marks a value sealed under the victim's own data key (never a key-ring id: those are [A-Za-z0-9_-]). */
export const DATA_KEY_PREFIX = '@dek';

/** Seals and opens one victim's personal fields. */
export interface VictimSealer {
  encrypt(plaintext: string, field: PiiField): string;
  encryptOptional(plaintext: string | undefined | null, field: PiiField): string | null;
  decrypt(stored: string, field: PiiField): string;
  decryptOptional(stored: string | null, field: PiiField): string | null;
}

/**
 * crypto-shredding: every field of a victim is sealed (AES-256-GCM, AAD = victim id + field)
 * under a data key of that victim alone; destroying the key makes every copy of the fields unreadable.
 * Values written before data keys existed (`kid:…`, sealed under the key ring) are still opened with
 * the ring until the re-keying job has moved them.
 */
export function dataKeySealer(
  victimId: string,
  dataKey: Buffer | null,
  ring: {
    encrypt(p: string, row: string, f: PiiField): string;
    decrypt(s: string, row: string, f: PiiField): string;
  },
): VictimSealer {
  const encrypt = (plaintext: string, field: PiiField): string => {
    if (!dataKey) return ring.encrypt(plaintext, victimId, field);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, dataKey, iv);
    cipher.setAAD(aad(victimId, field));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      DATA_KEY_PREFIX,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  };
  const decrypt = (stored: string, field: PiiField): string => {
    if (!stored.startsWith(`${DATA_KEY_PREFIX}:`)) return ring.decrypt(stored, victimId, field);
    if (!dataKey) throw new Error("the victim's data key is gone: the value cannot be read");
    const [, iv, tag, ciphertext] = stored.split(':');
    if (iv === undefined || tag === undefined || ciphertext === undefined)
      throw new Error('encrypted value has a bad format');
    const decipher = createDecipheriv(ALGORITHM, dataKey, Buffer.from(iv, 'base64'));
    decipher.setAAD(aad(victimId, field));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  };
  return {
    encrypt,
    decrypt,
    encryptOptional: (p, f) => (p === undefined || p === null ? null : encrypt(p, f)),
    decryptOptional: (s, f) => (s === null ? null : decrypt(s, f)),
  };
}

/** Same AAD as the key-ring values, so a value moved to another row or field fails to open. */
function aad(victimId: string, field: PiiField): Buffer {
  return Buffer.from(`nrm.referral.victims:${victimId}:${field}`, 'utf8');
}
