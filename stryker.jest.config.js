// Jest for mutation testing: the unit specs of the rule modules only (see stryker.config.mjs). Each
// mutant costs one Jest run, so the runs are kept light: only apps/ and libs/ are crawled, and
// '#shared' resolves to its pure half (contracts and topology, libs/tooling/src/mutation), not the
// barrel that loads Nest, TypeORM and the broker client. A rule module that needs more of '#shared'
// than that is no pure rule module, and its dry run fails loudly.
import path from 'node:path';
import { projectConfig } from './jest.preset.js';
import { RULE_MODULES } from './stryker.config.mjs';

const root = path.dirname(new URL(import.meta.url).pathname);
const only = process.env.MUTATE_ONLY?.split(',');
const specs = Object.entries(RULE_MODULES)
  .filter(([name]) => !only || only.includes(name))
  .flatMap(([, [, tests]]) => tests);
const base = projectConfig('mutation', '.');

export default {
  ...base,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: specs.map((s) => `<rootDir>/${s}`),
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^#shared$': path.join(root, 'libs/tooling/src/mutation/shared-rules.ts'),
  },
};
