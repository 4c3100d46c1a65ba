import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Sealing of a stored session (it holds the user's bearer tokens): AES-256-GCM under a key derived
 * from SESSION_SECRET, bound to the row's key so a sealed value cannot be moved to another row. The
 * row's key is the SHA-256 of the session id, so the table alone opens no session.
 */
export class SessionSeal {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A name stored with every sealed session: changing it makes every stored session unreadable.
    this.key = Buffer.from(hkdfSync('sha256', secret, 'nrm-console', 'session-store-v1', 32));
  }

  /** The row key of a session id. */
  static idHash(id: string): Buffer {
    return createHash('sha256').update(id).digest();
  }

  seal(plain: unknown, idHash: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(idHash);
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The sealed value, or undefined if it was not sealed for this row with this key (tampered, another secret). */
  unseal<T>(sealed: Buffer, idHash: Buffer): T | undefined {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
      decipher.setAAD(idHash);
      decipher.setAuthTag(sealed.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as T;
    } catch {
      return undefined;
    }
  }
}
