// Jest for mutation testing: the unit specs of the rule modules only (see stryker.config.mjs).
import { projectConfig } from './jest.preset.js';
import { RULE_MODULES } from './stryker.config.mjs';

const only = process.env.MUTATE_ONLY?.split(',');
const specs = Object.entries(RULE_MODULES)
  .filter(([name]) => !only || only.includes(name))
  .flatMap(([, [, tests]]) => tests);

export default {
  ...projectConfig('mutation', '.'),
  testMatch: specs.map((s) => `<rootDir>/${s}`),
};
