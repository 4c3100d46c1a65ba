import { projectConfig } from '../../jest.preset.js';

export default {
  ...projectConfig('notification', 'apps/notification'),
  globalSetup: '../../libs/shared/src/testing/global-setup.mjs',
  globalTeardown: '../../libs/shared/src/testing/global-teardown.mjs',
  // The end-to-end file waits for real deliveries and retries (bounded by eventually()).
  testTimeout: 30_000,
};
