import { createHmac, hkdfSync } from 'node:crypto';

/** Normalises a name for matching: NFKD, diacritics stripped, lower case, whitespace collapsed. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Keyed blind index of a person (HMAC-SHA256): equal for the same normalised given and family name and
 * birth date (or birth year, for an age estimate), so likely duplicates are found by an index lookup,
 * never by decrypting the table. Without the key the index reveals nothing guessable.
 */
export class BlindIndex {
  private readonly indexKey: Buffer;
  private readonly requestKey: Buffer;

  constructor(key: Buffer) {
    if (key.length < 32) throw new Error('BLIND_INDEX_KEY must be at least 32 bytes');
    // Separate sub-keys per use, so an index value can never be compared with a request hash.
    this.indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'nrm.referral.blind-index.v1', 32));
    this.requestKey = Buffer.from(
      hkdfSync('sha256', key, Buffer.alloc(0), 'nrm.referral.request-hash.v1', 32),
    );
  }

  /** Index of a person; `birth` is `YYYY-MM-DD` or `YYYY`. */
  person(givenName: string, familyName: string, birth: string): string {
    const input = `${normaliseName(givenName)}|${normaliseName(familyName)}|${birth}`;
    return createHmac('sha256', this.indexKey).update(input, 'utf8').digest('hex');
  }

  /** Keyed hash of a request body (canonical JSON), for Idempotency-Key comparison. */
  request(body: unknown): string {
    return createHmac('sha256', this.requestKey).update(canonicalJson(body), 'utf8').digest('hex');
  }
}

/** JSON with object keys sorted, so equal bodies hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
