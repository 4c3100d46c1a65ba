// Root Jest config: every project, one global set-up that provisions an isolated database and
// RabbitMQ vhost for this run (see libs/shared/src/testing/global-setup.ts).
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

export default {
  projects: [
    '<rootDir>/libs/shared',
    '<rootDir>/e2e',
    '<rootDir>/apps/referral',
    '<rootDir>/apps/shelter',
    '<rootDir>/apps/compensation',
    '<rootDir>/apps/notification',
    '<rootDir>/apps/reporting',
    '<rootDir>/apps/console',
  ],
  globalSetup: path.join(root, 'libs/shared/src/testing/global-setup.mjs'),
  globalTeardown: path.join(root, 'libs/shared/src/testing/global-teardown.mjs'),
  testTimeout: 60000,
};
