import { FieldCipher } from '#shared';
import type { PiiField } from './pii-cipher.js';

/**
 * The key id under which a value is sealed with the victim's own data key (never a key-ring id: those
 * are [A-Za-z0-9_-]). Stored in rows (`v1.@dek.…`, formerly `@dek:…`): never change.
 */
export const DATA_KEY_ID = '@dek';

/** Seals and opens one victim's personal fields. */
export interface VictimSealer {
  encrypt(plaintext: string, field: PiiField): string;
  encryptOptional(plaintext: string | undefined | null, field: PiiField): string | null;
  decrypt(stored: string, field: PiiField): string;
  decryptOptional(stored: string | null, field: PiiField): string | null;
}

/**
 * crypto-shredding: every field of a victim is sealed (the shared FieldCipher, AAD = victim
 * id + field) under a data key of that victim alone; destroying the key makes every copy of the fields
 * unreadable. Values written before data keys existed (sealed under the key ring) are still opened
 * with the ring until the re-keying job has moved them.
 */
export function dataKeySealer(
  victimId: string,
  dataKey: Buffer | null,
  ring: {
    encrypt(p: string, row: string, f: PiiField): string;
    decrypt(s: string, row: string, f: PiiField): string;
  },
): VictimSealer {
  const own = dataKey
    ? new FieldCipher(new Map([[DATA_KEY_ID, dataKey]]), DATA_KEY_ID, { legacy: ['kid-colon'] })
    : null;
  const encrypt = (plaintext: string, field: PiiField): string =>
    own ? own.seal(plaintext, piiContext(victimId, field)) : ring.encrypt(plaintext, victimId, field);
  const decrypt = (stored: string, field: PiiField): string => {
    if (FieldCipher.keyIdOf(stored) !== DATA_KEY_ID) return ring.decrypt(stored, victimId, field);
    if (!own) throw new Error("the victim's data key is gone: the value cannot be read");
    return own.open(stored, piiContext(victimId, field));
  };
  return {
    encrypt,
    decrypt,
    encryptOptional: (p, f) => (p === undefined || p === null ? null : encrypt(p, f)),
    decryptOptional: (s, f) => (s === null ? null : decrypt(s, f)),
  };
}

/** The additional authenticated data of a victim's field: the same under the ring and under a data key. */
export function piiContext(victimId: string, field: PiiField): string {
  return `nrm.referral.victims:${victimId}:${field}`;
}
