import { projectConfig } from '../../jest.preset.js';

const base = projectConfig('console', 'apps/console');
export default {
  ...base,
  // The single-page app (web/) is checked by the browser tests in e2e/.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/web/'],
  globalSetup: '../../libs/shared/src/testing/global-setup.mjs',
  globalTeardown: '../../libs/shared/src/testing/global-teardown.mjs',
};
