/** The only currency of the Fund. */
export const CURRENCY = 'AZN' as const;

/** Largest amount accepted in minor units: 10^13 qəpik (100 bn AZN), far below 2^53 so sums stay exact. */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000;

/** Integer minor units as a decimal with exactly two digits (`12345` → `"123.45"`), as pain.001 wants. */
export function minorToDecimal(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor < 0)
    throw new RangeError('amount must be a non-negative safe integer');
  const s = String(minor).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
