import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { parseKeyRing } from '#shared';

const VERSION = 'v1';

/**
 * Encrypts recipients' addresses and webhook secrets at rest with AES-256-GCM (random 96-bit IV,
 * 128-bit tag) under the active key of a key ring, and computes a keyed blind index of an address
 * so that the database can refuse duplicates without storing the address in clear. Sub-keys are
 * derived with HKDF, so the index key never equals an encryption key. Sealed values name their key,
 * so values sealed before a rotation stay readable while the old key is listed.
 */
export class SecretBox {
  private readonly encKeys = new Map<string, Buffer>();
  private readonly indexKey: Buffer;

  constructor(
    keyRing: string,
    private readonly activeKid: string,
  ) {
    const ring = parseKeyRing(keyRing);
    for (const [kid, master] of ring) this.encKeys.set(kid, derive(master, 'nrm.notification.enc'));
    const active = ring.get(activeKid);
    if (!active) throw new Error('the active key id is not in the key ring');
    this.indexKey = derive(active, 'nrm.notification.index');
  }

  /** `v1:<kid>:<iv>:<tag>:<ciphertext>`, binary parts base64. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKeys.get(this.activeKid)!, iv);
    cipher.setAAD(Buffer.from(this.activeKid));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.activeKid,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ct.toString('base64'),
    ].join(':');
  }

  /** Throws if the value was tampered with or its key is not in the ring. */
  decrypt(sealed: string): string {
    const [version, kid, iv, tag, ct] = sealed.split(':');
    const key = kid ? this.encKeys.get(kid) : undefined;
    if (version !== VERSION || !kid || !key || !iv || !tag || ct === undefined)
      throw new Error('unreadable sealed value');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (HMAC-SHA256) of a normalised value, for unique keys. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('base64');
  }
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}
