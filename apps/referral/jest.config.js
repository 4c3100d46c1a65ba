import { projectConfig } from '../../jest.preset.js';

export default {
  ...projectConfig('referral', 'apps/referral'),
  globalSetup: '../../libs/shared/src/testing/global-setup.mjs',
  globalTeardown: '../../libs/shared/src/testing/global-teardown.mjs',
};
