import type { ValueTransformer } from 'typeorm';

/**
 * Postgres returns `bigint` as a string. Amounts here are integer minor units far below 2^53
 * (DTOs cap them), so a JS number is exact.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Reads a bigint/numeric column of a raw query row as a number (0 when null). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}
