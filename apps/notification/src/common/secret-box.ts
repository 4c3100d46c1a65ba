import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts recipients' addresses and webhook secrets at rest with AES-256-GCM (random 96-bit IV,
 * 128-bit tag), and computes a keyed blind index of an address so that uniqueness can be enforced
 * by the database without storing the address in clear. Two sub-keys are derived from the configured
 * key with HKDF, so the index key never equals the encryption key.
 */
export class SecretBox {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(base64Key: string) {
    const master = Buffer.from(base64Key, 'base64');
    if (master.length !== 32) throw new Error('encryption key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'nrm.notification.enc', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'nrm.notification.index', 32));
  }

  /** `v1:<iv>:<tag>:<ciphertext>`, each base64. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
  }

  /** Throws if the value was tampered with or encrypted under another key. */
  decrypt(sealed: string): string {
    const [version, iv, tag, ct] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error('unreadable sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (HMAC-SHA256) of a normalised value, for unique keys and look-ups. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('base64');
  }
}
