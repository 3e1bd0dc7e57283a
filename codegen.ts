import type { CodegenConfig } from '@graphql-codegen/cli';

/** Shared by both outputs: `.js` relative imports (NodeNext), string scalars, type-only imports. */
const typesConfig = {
  scalars: { DateTime: 'string', ID: 'string' },
  useTypeImports: true,
  enumsAsTypes: true,
};

/**
 * `npm run codegen`, checked against the committed schema/schema.graphql:
 * - test/gql/: the `graphql(...)` documents of test/**\/*.ts, typed for the tests;
 * - examples/gql/: the documents of the typed client example (examples/typed-client.ts).
 * Each output also writes `persisted-documents.json` (sha256 of each document → its text) and
 * embeds the hash in the document (`__meta__.hash`), so a client can send
 * `{ "documentId": "<sha256>" }` to a gateway started with PERSISTED_OPERATIONS_MANIFEST.
 * @see https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#persisted-documents
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      config: typesConfig,
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
    },
    'examples/gql/': {
      documents: ['examples/**/*.ts', '!examples/gql/**'],
      preset: 'client',
      config: typesConfig,
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
    },
  },
};

export default config;
