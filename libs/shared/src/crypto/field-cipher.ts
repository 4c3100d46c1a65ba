import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Version tag of the stored form written from now on. Stored in rows: never change its meaning. */
const VERSION = 'v1';

/**
 * Stored forms that services wrote before the shared cipher, still read when the cipher is told to:
 * - `kid-colon`: `<kid>:<iv>:<tag>:<ciphertext>`, standard base64 parts, AAD = the context (referral's
 *   victims' fields under the key ring, and `@dek:…` under a victim's data key);
 * - `v1-colon-kid`: `v1:<kid>:<iv>:<tag>:<ciphertext>`, standard base64 parts, AAD = the key id only
 *   (notification's recipients' addresses and secrets).
 */
export type LegacyCipherFormat = 'kid-colon' | 'v1-colon-kid';

/** Options of a {@link FieldCipher}. */
export interface FieldCipherOptions {
  /** Older stored forms this service still has in its tables and must keep reading. */
  readonly legacy?: readonly LegacyCipherFormat[];
}

interface Parsed {
  format: 'current' | LegacyCipherFormat;
  kid: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Authenticated encryption of one field at rest (AES-256-GCM, a random 96-bit IV per value, 128-bit
 * tag), shared by every service that holds encrypted fields. A value is written as
 * `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts): it names the key that sealed it, so keys can
 * rotate (new values use the active key, old ones open while their key is in the ring). The caller's
 * `context` (e.g. `compensation.payouts:<row id>:iban`) is the additional authenticated data, so a
 * ciphertext copied to another row or column fails to open. Errors never contain key material or
 * plaintext.
 */
export class FieldCipher {
  private readonly legacy: ReadonlySet<LegacyCipherFormat>;

  constructor(
    private readonly ring: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
    options: FieldCipherOptions = {},
  ) {
    if (!ring.has(activeKeyId)) throw new Error('the active key id is not in the key ring');
    for (const [kid, key] of ring) if (key.length !== 32) throw new Error(`key ${kid} must be 32 bytes`);
    this.legacy = new Set(options.legacy ?? []);
  }

  /** Seals `plaintext` under the active key, bound to `context`. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.ring.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.activeKeyId, iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Opens a value sealed with `context`; throws if it was tampered with, moved, or its key is not in the ring. */
  open(stored: string, context: string): string {
    const parsed = this.parse(stored);
    if (!parsed) throw new Error('encrypted value has an unknown format');
    const key = this.ring.get(parsed.kid);
    if (!key) throw new Error(`encrypted value names key ${parsed.kid}, which is not in the key ring`);
    const decipher = createDecipheriv(ALGORITHM, key, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(parsed.format === 'v1-colon-kid' ? parsed.kid : context, 'utf8'));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
  }

  /** True when the value is in the current form under the active key (nothing to re-seal). */
  isCurrent(stored: string): boolean {
    const parsed = this.parse(stored);
    return parsed?.format === 'current' && parsed.kid === this.activeKeyId;
  }

  /** Id of the key that sealed a stored value in any known form, without opening it. */
  static keyIdOf(stored: string): string | undefined {
    const dotted = stored.split('.');
    if (dotted.length === 5 && dotted[0] === VERSION) return dotted[1];
    const colon = stored.split(':');
    if (colon.length === 5 && colon[0] === VERSION) return colon[1];
    if (colon.length === 4) return colon[0];
    return undefined;
  }

  private parse(stored: string): Parsed | undefined {
    const dotted = stored.split('.');
    if (dotted.length === 5 && dotted[0] === VERSION) {
      const [, kid, iv, tag, ct] = dotted as [string, string, string, string, string];
      return { format: 'current', kid, ...binary(iv, tag, ct, 'base64url') };
    }
    const colon = stored.split(':');
    if (colon.length === 5 && colon[0] === VERSION && this.legacy.has('v1-colon-kid')) {
      const [, kid, iv, tag, ct] = colon as [string, string, string, string, string];
      return { format: 'v1-colon-kid', kid, ...binary(iv, tag, ct, 'base64') };
    }
    if (colon.length === 4 && this.legacy.has('kid-colon')) {
      const [kid, iv, tag, ct] = colon as [string, string, string, string];
      return { format: 'kid-colon', kid, ...binary(iv, tag, ct, 'base64') };
    }
    return undefined;
  }
}

function binary(iv: string, tag: string, ct: string, encoding: BufferEncoding) {
  return {
    iv: Buffer.from(iv, encoding),
    tag: Buffer.from(tag, encoding),
    ciphertext: Buffer.from(ct, encoding),
  };
}
