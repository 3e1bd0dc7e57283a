import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelsWithMembers, CreateChannel, execute } from '../../examples/typed-client.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { PersistedDocumentsError } from '../../src/http/persisted-documents.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { postAsAlice } from '../helpers/post-graphql.js';

const EXAMPLE_MANIFEST = fileURLToPath(
  new URL('../../examples/gql/persisted-documents.json', import.meta.url),
);
const hashOf = (document: object): string =>
  (document as { __meta__: { hash: string } }).__meta__.hash;

async function post(gw: TestGateway, body: object): Promise<{ status: number; json: Body }> {
  const response = await postAsAlice(
    gw.url,
    body,
    'application/graphql-response+json, application/json',
  );
  return { status: response.status, json: (await response.json()) as Body };
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

describe('PERSISTED_OPERATIONS=only', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      gatewayConfig: {
        frontends: { persistedOperations: 'only', persistedOperationsManifest: EXAMPLE_MANIFEST },
      },
    });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('runs the typed example client’s documents by their sha256 alone', async () => {
    const result = await execute(
      ChannelsWithMembers,
      { first: 2 },
      { url: gw.url, token: SCENARIO_TOKENS.alice, persisted: true },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.conversations.edges).toHaveLength(2);
    expect(result.data?.conversations.edges[0]?.node.members.edges.length).toBeGreaterThan(0);
  });

  it('accepts Apollo’s extensions.persistedQuery form of the hash', async () => {
    const sha256Hash = hashOf(CreateChannel).replace('sha256:', '');
    const { json } = await post(gw, {
      variables: { name: 'persisted-apollo' },
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(json.errors).toBeUndefined();
    expect(json.data).toMatchObject({
      createConversation: {
        __typename: 'CreateConversationPayload',
        conversation: { name: 'persisted-apollo' },
      },
    });
  });

  it('refuses a document sent as text, even one of the manifest', async () => {
    gw.resetEmulatorCalls();
    const result = await execute(
      ChannelsWithMembers,
      { first: 2 },
      { url: gw.url, token: SCENARIO_TOKENS.alice, persisted: false },
    );
    expect(result.data ?? undefined).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('answers PERSISTED_QUERY_NOT_IN_LIST for an unknown hash', async () => {
    const { json } = await post(gw, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});

describe('PERSISTED_OPERATIONS=allow (the default)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      gatewayConfig: { frontends: { persistedOperationsManifest: EXAMPLE_MANIFEST } },
    });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('runs persisted documents by hash and arbitrary documents by text', async () => {
    const byHash = await post(gw, {
      documentId: hashOf(ChannelsWithMembers),
      variables: { first: 1 },
    });
    const byText = await post(gw, { query: print(ChannelsWithMembers), variables: { first: 1 } });
    const arbitrary = await post(gw, { query: '{ viewer { user { id } } }' });
    expect(byHash.json.errors).toBeUndefined();
    expect(byText.json).toEqual(byHash.json);
    expect(arbitrary.json.errors).toBeUndefined();
  });
});

describe('persisted-operations configuration', () => {
  it('requires a manifest for only mode', () => {
    expect(() => parseConfig({ PERSISTED_OPERATIONS: 'only' })).toThrow(ConfigError);
    expect(() => parseConfig({ PERSISTED_OPERATIONS: 'sometimes' })).toThrow(
      /PERSISTED_OPERATIONS must be allow or only/,
    );
    expect(parseConfig({}).frontends.persistedOperations).toBe('allow');
  });

  it('refuses to start with a manifest entry whose key is not its document’s sha256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'persisted-documents.json');
    await writeFile(path, JSON.stringify({ [`sha256:${'a'.repeat(64)}`]: '{ __typename }' }));
    await expect(
      startTestGateway({
        gatewayConfig: {
          frontends: { persistedOperations: 'only', persistedOperationsManifest: path },
        },
      }),
    ).rejects.toThrow(PersistedDocumentsError);
  });
});
