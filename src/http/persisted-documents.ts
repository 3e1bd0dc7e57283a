import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  defaultExtractPersistedOperationId,
  type ExtractPersistedOperationId,
  usePersistedOperations,
} from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { PersistedOperationsMode } from '../config.js';
import type { GatewayErrorCode } from '../errors.js';

/** Documents by the hex sha256 of their text. */
export type PersistedDocuments = ReadonlyMap<string, string>;

/** The client preset writes keys (and `__meta__.hash`) as `sha256:<hex>`; plain `<hex>` works too. */
const SHA256_PREFIX = /^sha256:/;

/** The manifest is unusable; the message names the file and the problem (never a document). */
export class PersistedDocumentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersistedDocumentsError';
  }
}

/**
 * Reads a persisted-documents manifest (`{ "sha256:<hex>": "<document>" }`) and checks that every key
 * is the sha256 of its document, so a hash a client computes always names the text it was built from.
 * @see https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#persisted-documents
 */
export async function loadPersistedDocuments(path: string): Promise<PersistedDocuments> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PersistedDocumentsError(
      `cannot read the persisted-documents manifest ${path}: ${reason}`,
    );
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new PersistedDocumentsError(`${path} must be a JSON object of sha256 → document`);
  }
  const documents = new Map<string, string>();
  for (const [key, document] of Object.entries(manifest)) {
    const hash = key.replace(SHA256_PREFIX, '');
    if (typeof document !== 'string' || sha256(document) !== hash) {
      throw new PersistedDocumentsError(`${path}: entry ${key} is not the sha256 of its document`);
    }
    documents.set(hash, document);
  }
  return documents;
}

/**
 * Runs documents of the manifest by hash: `{ "documentId": "<sha256>" }` (GraphQL over HTTP) or
 * Apollo's `extensions.persistedQuery.sha256Hash`. In `only` mode every other document is refused
 * (`PERSISTED_QUERY_ONLY`), so a production gateway runs exactly what its frontends shipped.
 * @see https://the-guild.dev/graphql/yoga-server/docs/features/persisted-operations
 */
export function usePersistedDocuments(
  mode: PersistedOperationsMode,
  documents: PersistedDocuments,
): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => documents.get(hash) ?? null,
    allowArbitraryOperations: mode === 'allow',
    extractPersistedOperationId: extractDocumentId,
    customErrors: {
      persistedQueryOnly: {
        message: 'Only persisted documents may run here; send { "documentId": "<sha256>" }.',
        extensions: {
          code: 'PERSISTED_QUERY_ONLY' satisfies GatewayErrorCode,
          http: { status: 400 },
        },
      },
    },
  });
}

const extractDocumentId: ExtractPersistedOperationId = (params, request, context) => {
  const documentId: unknown = Reflect.get(params, 'documentId');
  if (typeof documentId === 'string') return documentId.replace(SHA256_PREFIX, '');
  return (
    defaultExtractPersistedOperationId(params, request, context)?.replace(SHA256_PREFIX, '') ?? null
  );
};

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
