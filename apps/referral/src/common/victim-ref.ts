import { commonErrors } from '#shared';
import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a reference read aloud is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new victim reference: `V-` + 20 base32 characters (100 random bits). Random, never derived from
 * personal data, so it reveals nothing about the person.
 */
// @clause the pseudonym is random and derived from nothing about the person
export function newVictimRef(): string {
  const bytes = randomBytes(13);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return `V-${out}`;
}

export const VICTIM_REF_PATTERN = /^V-[0-9A-HJKMNP-TV-Z]{20}$/;

/** Checks the shape of a victimRef path parameter (a 400, never a lookup of garbage). */
export function assertVictimRef(victimRef: string): void {
  if (!VICTIM_REF_PATTERN.test(victimRef)) {
    throw commonErrors.error('validation-failed', 'Invalid victimRef', [
      { field: 'victimRef', message: 'must be a victim reference V- and 20 characters' },
    ]);
  }
}
