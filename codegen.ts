import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types the operations the tests send: `graphql(...)` documents in test/**\/*.ts are checked
 * against the committed schema/schema.graphql and typed into test/gql/ (`npm run codegen`).
 * @see https://the-guild.dev/graphql/codegen/plugins/presets/preset-client
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  // Relative imports with `.js`, as NodeNext module resolution requires.
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      config: {
        scalars: { DateTime: 'string', ID: 'string' },
        useTypeImports: true,
        enumsAsTypes: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
