import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `import { z } from 'zod'` hands the bundler zod's whole namespace object, its 40-odd locales included (~700 KB
// of a function's bundle); `import * as z` lets it keep only what is used (docs/decisions/010-cold-starts.md).
const zodNamespaceOnly = {
  selector:
    "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message:
    "Import zod as a namespace (`import * as z from 'zod'`): the bundles then keep only what they use.",
};

// A module-level `lazy(...)`, `lazyProperties(...)`, `tableAdapter(...)` or `processedEventsGuards(...)` is a call, which a bundler keeps unless told it is pure: then
// every function importing anything from the module carries every client it could build. Marked
// `/* @__PURE__ */`, the wiring a handler never reads is left out (docs/decisions/010-cold-starts.md).
const PURE_WIRING = new Set(['lazy', 'lazyProperties', 'tableAdapter', 'processedEventsGuards']);
const wiringPlugin = {
  rules: {
    'pure-wiring': {
      meta: {
        type: 'problem',
        messages: {
          pure: 'Mark module-level wiring `/* @__PURE__ */ {{name}}(...)`, so bundles drop what a function never reads.',
        },
      },
      create(context) {
        return {
          'Program > VariableDeclaration > VariableDeclarator > CallExpression.init, Program > ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > CallExpression.init'(
            node,
          ) {
            if (node.callee.type !== 'Identifier' || !PURE_WIRING.has(node.callee.name)) return;
            const comments = context.sourceCode.getCommentsBefore(node);
            if (comments.some((comment) => comment.value.includes('@__PURE__'))) return;
            context.report({ node, messageId: 'pure', data: { name: node.callee.name } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'clients/sdk/dist/**',
      'clients/web/dist/**',
      'clients/web/test-output/**',
      '**/.serverless/**',
      '**/.esbuild/**',
      '.chat-local/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
        zodNamespaceOnly,
      ],
    },
  },
  {
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    plugins: { chat: wiringPlugin },
    rules: { 'chat/pure-wiring': 'error' },
  },
  {
    // docs/service-structure.md: domain and use-case code is pure; it reaches AWS only through ports.
    files: ['services/*/src/domain/**/*.ts', 'services/*/src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-lambda', '@chat/aws', '@chat/aws/*', '@chat/memberships'],
              message:
                'Domain and use-case code takes ports: AWS clients and Lambda types belong in adapters/ and handlers/.',
            },
            {
              group: ['**/adapters', '**/adapters/*', '**/handlers', '**/handlers/*'],
              message:
                'Domain and use-case code must not import adapters or handlers (they depend on it, not the reverse).',
            },
          ],
        },
      ],
    },
  },
);
