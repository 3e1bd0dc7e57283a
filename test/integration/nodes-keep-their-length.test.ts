import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * `nodes(ids:)` keeps the length of `ids` (Relay server spec): an ID that does not resolve
 * (unknown, invisible to the token, malformed) is `null` at its index with an error whose path
 * ends in that index and carries Slack's code; the other nodes resolve, with the same Slack
 * calls as before.
 */

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;
const UNKNOWN = 'C0NOPE00000';

const QUERY = `query ($ids: [ID!]!) {
  nodes(ids: $ids) { __typename id ... on Conversation { name } ... on User { username: name } }
}`;

interface NodesBody {
  nodes: (Record<string, string> | null)[] | null;
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

async function nodes(ids: readonly string[]) {
  // The first request of a token also calls auth.test; warm it so counts show only the nodes.
  await gw.graphql('{ viewer { id } }');
  gw.resetEmulatorCalls();
  const { status, body } = await gw.graphql<NodesBody>(QUERY, { ids });
  return { status, body, calls: gw.emulatorCalls() };
}

describe('nodes(ids:) keeps its length', () => {
  it('answers null with CHANNEL_NOT_FOUND at the index of an unknown ID and resolves the others', async () => {
    const { body, calls } = await nodes([C.general, U.bob, UNKNOWN]);
    expect(body.data?.nodes).toEqual([
      { __typename: 'Conversation', id: C.general, name: 'general' },
      { __typename: 'User', id: U.bob, username: 'bob' },
      null,
    ]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['nodes', 2]);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'CHANNEL_NOT_FOUND',
      slack: { error: 'channel_not_found', method: 'conversations.info' },
    });
    // One info per conversation and per user, the unknown one included: as many as before.
    expect(calls).toEqual({
      calls: { 'conversations.info': 2, 'users.info': 1 },
      total: 3,
    });
  });

  it('nulls a conversation the token cannot see, and an unknown user, each with its own code', async () => {
    const { body } = await nodes([C.secret, C.random, 'U0NOBODY']);
    expect(body.data?.nodes?.map((node) => node?.id ?? null)).toEqual([null, C.random, null]);
    const failures = body.errors?.map((error) => [error.path, error.extensions?.code]);
    // Errors come in the order the loads settle, not in index order.
    expect(failures).toHaveLength(2);
    expect(failures).toEqual(
      expect.arrayContaining([
        [['nodes', 0], 'CHANNEL_NOT_FOUND'],
        [['nodes', 2], 'USER_NOT_FOUND'],
      ]),
    );
  });

  it('nulls a malformed ID with BAD_USER_INPUT at its index, without a Slack call for it', async () => {
    const { body, calls } = await nodes(['not-a-node-id', C.general]);
    expect(body.data?.nodes?.map((node) => node?.id ?? null)).toEqual([null, C.general]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['nodes', 0], 'BAD_USER_INPUT'],
    ]);
    expect(calls).toEqual({ calls: { 'conversations.info': 1 }, total: 1 });
  });
});
