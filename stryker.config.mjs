// Mutation testing of the modules that hold the rules of the regulation, with their unit tests only
// (a full run over everything would take hours on two cores). `npm run mutation` prints the score per
// module; the HTML and JSON reports are written to reports/mutation/.
/** Rule modules and the unit specs that pin them down. */
export const RULE_MODULES = {
  'placement fit': ['apps/shelter/src/placement/fit.ts', ['apps/shelter/src/placement/fit.spec.ts']],
  'claim figures': [
    'apps/compensation/src/claims/claim-figures.ts',
    ['apps/compensation/src/claims/claim-figures.spec.ts'],
  ],
  'payout states': [
    'apps/compensation/src/payouts/payout-state.ts',
    ['apps/compensation/src/payouts/payout-state.spec.ts'],
  ],
  'ledger postings': [
    'apps/compensation/src/ledger/ledger-postings.ts',
    ['apps/compensation/src/ledger/ledger-postings.spec.ts'],
  ],
  'handover refusal': [
    'apps/referral/src/handover/handover-refusal.ts',
    ['apps/referral/src/handover/handover-refusal.spec.ts'],
  ],
  'referral states': [
    'apps/referral/src/referrals/referral-state.ts',
    ['apps/referral/src/referrals/referral-state.spec.ts'],
  ],
  'plan rules': ['apps/shelter/src/plans/plan-rules.ts', ['apps/shelter/src/plans/plan-rules.spec.ts']],
  routing: ['apps/notification/src/routing/routing.ts', ['apps/notification/src/routing/routing.spec.ts']],
  'consent rules': [
    'apps/referral/src/service-requests/consent-purpose.ts',
    ['apps/referral/src/service-requests/consent-purpose.spec.ts'],
  ],
};

const only = process.env.MUTATE_ONLY?.split(',');
const chosen = Object.entries(RULE_MODULES).filter(([name]) => !only || only.includes(name));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: false },
  // Jest runs in ESM mode (NestJS 12 is ESM-only).
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  mutate: chosen.map(([, [file]]) => file),
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 20000,
  reporters: ['clear-text', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'tmp', 'coverage', '.nx', 'reports', 'docs', 'deploy', 'bench', 'e2e', '.keys'],
  cleanTempDir: 'always',
};
