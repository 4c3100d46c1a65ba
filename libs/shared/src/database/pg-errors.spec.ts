import { QueryFailedError } from 'typeorm';
import {
  isCheckViolation,
  isExclusionViolation,
  isForeignKeyViolation,
  isRetryableConflict,
  isUniqueViolation,
  pgError,
} from './pg-errors.js';

const driver = (code: string, constraint?: string) =>
  Object.assign(new Error('driver'), { code, constraint });
const wrapped = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT …', [], driver(code, constraint));

describe(pgError.name, () => {
  it('reads the code and constraint from a TypeORM error and from a bare driver error', () => {
    expect(pgError(wrapped('23505', 'payouts_pkey'))).toEqual({ code: '23505', constraint: 'payouts_pkey' });
    expect(pgError(driver('23P01'))).toEqual({ code: '23P01', constraint: undefined });
    expect(pgError('boom')).toBeUndefined();
    expect(pgError(new Error('no code'))).toEqual({ code: undefined, constraint: undefined });
  });

  it('tells each violation by its code and, when asked, its constraint', () => {
    expect(isUniqueViolation(wrapped('23505', 'a_key'))).toBe(true);
    expect(isUniqueViolation(wrapped('23505', 'a_key'), 'a_key')).toBe(true);
    expect(isUniqueViolation(wrapped('23505', 'a_key'), 'b_key')).toBe(false);
    expect(isUniqueViolation(wrapped('23514', 'a_key'))).toBe(false);
    expect(isCheckViolation(driver('23514', 'journal_entry_balanced'), 'journal_entry_balanced')).toBe(true);
    expect(isForeignKeyViolation(wrapped('23503', 'referrals_reporting_org_fkey'), /reporting_org/)).toBe(
      true,
    );
    expect(isForeignKeyViolation(wrapped('23503', 'other_fkey'), /reporting_org/)).toBe(false);
    expect(isExclusionViolation(wrapped('23P01'))).toBe(true);
  });

  it('treats deadlocks and serialization failures as retryable, nothing else', () => {
    expect(isRetryableConflict(wrapped('40P01'))).toBe(true);
    expect(isRetryableConflict(driver('40001'))).toBe(true);
    expect(isRetryableConflict(wrapped('23505'))).toBe(false);
    expect(isRetryableConflict(undefined)).toBe(false);
  });
});
