// ESLint flat config: type-aware rules from docs/DEVELOPING.md (Conventions), Nx module boundaries (apps never import
// each other, only libs/shared), zero warnings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Apps depend only on libs/shared; the `tooling` project (build and documentation tools, which may use
 * devDependencies) is for tests and scripts, never for runtime code.
 */
const moduleBoundaries = (allow) => ({
  // scripts/lib holds the plain-JS tooling (provisioning, process control) that tests reuse.
  allow,
  depConstraints: [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
    { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:tooling'] },
  ],
});
const noToolingAtRuntime = {
  group: ['#tooling', '**/libs/tooling/**', 'class-validator-jsonschema', '@asyncapi/*'],
  message:
    'Runtime code never imports build tooling or a devDependency; only tests and scripts use libs/tooling.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', 'coverage/**', '.nx/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    // .tsx: the console's single-page app (apps/console/web, its own tsconfig with the DOM).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        moduleBoundaries(['#shared', '#shared/testing', 'scripts/lib/[a-z-]+\\.mjs$']),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/*', '../../../apps/**', '../../../../apps/**'],
              message: 'Apps never import each other; share through libs/shared.',
            },
            noToolingAtRuntime,
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/test/**/*.ts',
      'libs/tooling/**/*.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        moduleBoundaries(['#shared', '#shared/testing', '#tooling', 'scripts/lib/[a-z-]+\\.mjs$']),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/*', '../../../apps/**', '../../../../apps/**'],
              message: 'Apps never import each other; share through libs/shared.',
            },
          ],
        },
      ],
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
