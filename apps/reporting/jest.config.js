import { projectConfig } from '../../jest.preset.js';

export default {
  ...projectConfig('reporting', 'apps/reporting'),
  globalSetup: '../../libs/shared/src/testing/global-setup.mjs',
  globalTeardown: '../../libs/shared/src/testing/global-teardown.mjs',
};
