// @ts-check
// ESLint flat config. Type-aware rules read tsconfig.json through typescript-eslint's project service.
// typescript-eslint calls TypeScript's JavaScript API, which TypeScript 7 (the project's tsc) does not have, so it
// comes from tools/typescript-eslint, where `typescript` is 6.0 (see that package.json and the root "overrides").
import js from '@eslint/js';
import tseslint, { typescriptVersion } from '@novapulse/typescript-eslint';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';

if (!typescriptVersion.startsWith('6.')) {
  throw new Error(
    `typescript-eslint must run on TypeScript 6.0 (it needs the JavaScript API), got ${typescriptVersion}`,
  );
}

export default defineConfig(
  globalIgnores(['dist/', 'reports/', '.data/', '.cache/', 'coverage/', 'tools/ferretdb/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // With experimentalDecorators + emitDecoratorMetadata (read from tsconfig.json) the rule leaves files with
      // decorators alone, so it never turns an import that Nest's dependency injection needs into `import type`.
      '@typescript-eslint/consistent-type-imports': 'error',
      // The code's order: side-effect imports, then packages (node: built-ins among them, alphabetically), then
      // relative paths, in one block without blank lines.
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000', '^@?\\w', '^', '^\\.']] }],
      'simple-import-sort/exports': 'error',
      // `{ secret: _secret, ...view }` drops a field on purpose; `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // The code writes `list[i]!` as if `noUncheckedIndexedAccess` were on (tsc with it reports 22 errors in two
      // files); without that option this rule asks to remove those `!`. Turn it back on together with the option.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Async methods without `await` are how Nest processors, interface implementations and test fakes return a
      // promise (a throw inside becomes a rejection), not a mistake.
      '@typescript-eslint/require-await': 'off',
      // `scraped = this`: a module-level handle that a prom-client collect() callback reads, on purpose.
      '@typescript-eslint/no-this-alias': 'off',
      // Nest's HttpStatus is a numeric enum meant to be compared with the plain numbers that getStatus() returns.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // Tests read JSON answers as `any` (test/support/api.ts) and use Jest's asymmetric matchers (`expect.any()`,
    // `expect.objectContaining()`), which are typed `any`: the no-unsafe-* rules would flag nearly every assertion.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.fixture.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The console's browser code (its own tsconfig, found by the project service): browser globals, not Node's.
    files: ['src/console/web/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser, ...Object.fromEntries(Object.keys(globals.node).map((n) => [n, 'off'])) },
    },
  },
  {
    // Plain JavaScript (scripts, benchmarks, config files) is not part of a TypeScript project: no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
