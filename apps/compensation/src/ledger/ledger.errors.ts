import { defineErrorCodes } from '#shared';

export type LedgerErrorCode = 'insufficient-funds' | 'inflow-exists' | 'validation-failed';

/** Error codes of the Fund's ledger. */
export const ledgerErrors = defineErrorCodes<LedgerErrorCode>({
  'insufficient-funds': { status: 409, title: 'Insufficient funds' },
  'inflow-exists': { status: 409, title: 'An inflow with this source and reference is already recorded' },
  'validation-failed': { status: 400, title: 'Validation failed' },
});
