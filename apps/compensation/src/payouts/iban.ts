import { electronicFormatIBAN, extractIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/** Removes spaces and upper-cases, as an IBAN is written electronically. */
export function normaliseIban(input: string): string {
  return electronicFormatIBAN(input) ?? '';
}

/** The country of a valid IBAN (ISO 3166 alpha-2), or undefined when the IBAN is not valid. */
export function ibanCountry(electronic: string): string | undefined {
  if (!isValidIBAN(electronic)) return undefined;
  const parts = extractIBAN(electronic);
  return parts.valid ? parts.countryCode : undefined;
}

/**
 * A valid IBAN of any country, checked with ibantools (the country's format and the ISO 7064
 * mod-97 checksum): foreign victims may be paid to an account abroad.
 */
export function isValidAnyIban(electronic: string): boolean {
  return ibanCountry(electronic) !== undefined;
}

/** An Azerbaijani IBAN (28 characters, `AZ`): a domestic transfer, which needs no BIC. */
export function isAzerbaijaniIban(electronic: string): boolean {
  return ibanCountry(electronic) === 'AZ' && electronic.length === 28;
}

/** Upper-cases and removes spaces of a BIC. */
export function normaliseBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** A valid BIC (ISO 9362: 4-letter institution, ISO country code, location, optional branch). */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic) && isValidBIC(bic);
}
