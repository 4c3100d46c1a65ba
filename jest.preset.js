// Shared Jest settings. NestJS 12 is ESM-only, so Jest runs in ESM mode
// (NODE_OPTIONS=--experimental-vm-modules, set by scripts/test.mjs and the nx test targets).
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

/** @param {string} name project name; @param {string} dir project root relative to the workspace */
export function projectConfig(name, dir) {
  return {
    displayName: name,
    // Read by testEnv(): each project's tests get their own RabbitMQ vhost.
    globals: { NRM_TEST_PROJECT: name },
    rootDir: path.join(root, dir),
    testEnvironment: 'node',
    testTimeout: 60000,
    extensionsToTreatAsEsm: ['.ts'],
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    moduleNameMapper: {
      '^#shared$': path.join(root, 'libs/shared/src/index.ts'),
      '^#shared/testing$': path.join(root, 'libs/shared/src/testing/index.ts'),
      '^#tooling$': path.join(root, 'libs/tooling/src/index.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    transform: {
      '^.+\\.ts$': [
        'ts-jest',
        {
          useESM: true,
          // tsconfig has isolatedModules: ts-jest only transpiles; type checking is done by nx build.
          tsconfig: path.join(root, 'tsconfig.json'),
        },
      ],
    },
    setupFiles: [path.join(root, 'libs/shared/src/testing/jest-setup.ts')],
  };
}
