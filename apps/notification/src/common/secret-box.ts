import { createHmac, hkdfSync } from 'node:crypto';
import { FieldCipher, parseKeyRing } from '#shared';

/** Sealed fields of a recipient; part of the additional authenticated data: never rename. */
export type SealedField = 'address' | 'secret';

/**
 * Encrypts recipients' addresses and webhook secrets at rest with the shared {@link FieldCipher}
 * (AES-256-GCM) under the active key of a key ring, bound to the recipient and the field, and
 * computes a keyed blind index of an address so that the database can refuse duplicates without
 * storing the address in clear. Sub-keys are derived with HKDF, so the index key never equals an
 * encryption key. New values are `v1.<kid>.<iv>.<tag>.<ciphertext>`; the form this service wrote
 * before, `v1:<kid>:<iv>:<tag>:<ciphertext>` (bound to the key id only), is still read. Sealed values
 * name their key, so values sealed before a rotation stay readable while the old key is listed.
 */
export class SecretBox {
  private readonly cipher: FieldCipher;
  private readonly indexKey: Buffer;

  constructor(keyRing: string, activeKid: string) {
    const ring = parseKeyRing(keyRing);
    const active = ring.get(activeKid);
    if (!active) throw new Error('the active key id is not in the key ring');
    const encKeys = new Map([...ring].map(([kid, master]) => [kid, derive(master, 'nrm.notification.enc')]));
    this.cipher = new FieldCipher(encKeys, activeKid, { legacy: ['v1-colon-kid'] });
    this.indexKey = derive(active, 'nrm.notification.index');
  }

  /** Seals a recipient's field. */
  encrypt(plain: string, recipientId: string, field: SealedField): string {
    return this.cipher.seal(plain, context(recipientId, field));
  }

  /** Throws if the value was tampered with, belongs to another recipient or field, or its key is not in the ring. */
  decrypt(sealed: string, recipientId: string, field: SealedField): string {
    return this.cipher.open(sealed, context(recipientId, field));
  }

  /** Deterministic keyed hash (HMAC-SHA256) of a normalised value, for unique keys. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('base64');
  }
}

function context(recipientId: string, field: SealedField): string {
  return `nrm.notification.recipients:${recipientId}:${field}`;
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}
