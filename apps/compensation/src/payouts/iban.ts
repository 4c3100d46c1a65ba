import { electronicFormatIBAN, extractIBAN, isValidIBAN } from 'ibantools';

/** Removes spaces and upper-cases, as an IBAN is written electronically. */
export function normaliseIban(input: string): string {
  return electronicFormatIBAN(input) ?? '';
}

/**
 * A valid Azerbaijani IBAN: `AZ`, 2 check digits, 4-letter bank code, 20 alphanumerics (28
 * characters), checked with ibantools (country format and ISO 7064 mod-97 checksum). Payouts go to
 * accounts in Azerbaijan in AZN, so a foreign IBAN is refused.
 */
export function isAzerbaijaniIban(electronic: string): boolean {
  if (!isValidIBAN(electronic)) return false;
  const parts = extractIBAN(electronic);
  return parts.valid && parts.countryCode === 'AZ' && electronic.length === 28;
}
