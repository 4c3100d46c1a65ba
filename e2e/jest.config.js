import { projectConfig } from '../jest.preset.js';

export default {
  ...projectConfig('platform', 'e2e'),
  globalSetup: '../libs/shared/src/testing/global-setup.mjs',
  globalTeardown: '../libs/shared/src/testing/global-teardown.mjs',
};
