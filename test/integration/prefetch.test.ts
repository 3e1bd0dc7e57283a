import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * `conversation(id) { numMembers members messages }`: members and history need only the id, so
 * they start while conversations.info is in flight instead of after it (and those of a listed
 * conversation as soon as its list page is in, before GraphQL walks the page's nodes). Proven by call counts,
 * never by time: for a conversation that does not exist, the pages were asked for although the
 * conversation never resolved; for one that does, each method is still called exactly once.
 */
const QUERY = `query($id: ID!, $first: Int) {
  conversation(id: $id) {
    numMembers
    members(first: $first) { edges { node { id } } }
    messages(first: $first) { edges { node { ts } } }
  }
}`;

describe('Slack calls start as soon as their arguments are known', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });
  beforeEach(() => gateway.resetEmulatorCalls());

  it('sends members and history without waiting for conversations.info', async () => {
    const { body } = await gateway.graphql(QUERY, { id: 'C0NOSUCHONE', first: 5 });
    expect(body.data).toEqual({ conversation: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('CHANNEL_NOT_FOUND');
    expect(gateway.emulatorCalls().calls).toMatchObject({
      'conversations.info': 1,
      'conversations.members': 1,
      'conversations.history': 1,
    });
  });

  it('makes each call once: the connections reuse the calls started early', async () => {
    const { body } = await gateway.graphql<{
      conversation: { members: { edges: unknown[] }; messages: { edges: unknown[] } };
    }>(QUERY, { id: SCENARIO_IDS.conversations.general, first: 2 });
    expect(body.errors).toBeUndefined();
    expect(body.data?.conversation.members.edges).toHaveLength(2);
    expect(body.data?.conversation.messages.edges).toHaveLength(2);
    const { calls, total } = gateway.emulatorCalls();
    expect(calls).toEqual({
      'conversations.info': 1,
      'conversations.members': 1,
      'conversations.history': 1,
    });
    expect(total).toBe(3);
  });

  it('starts the pages of listed conversations with their list page, each call once', async () => {
    const { body } = await gateway.graphql<{
      conversations: {
        edges: { node: { members: { edges: unknown[] }; messages: { edges: unknown[] } } }[];
      };
    }>(
      `query($first: Int) {
        conversations(first: 3) {
          edges { node { id members(first: $first) { edges { node { id } } } messages(first: $first) { edges { node { ts } } } } }
        }
      }`,
      { first: 1 },
    );
    expect(body.errors).toBeUndefined();
    const edges = body.data?.conversations.edges ?? [];
    expect(edges).toHaveLength(3);
    for (const { node } of edges) expect(node.members.edges.length).toBeLessThanOrEqual(1);
    // The nodes' resolvers reuse the calls started as each edge was made: no call twice.
    expect(gateway.emulatorCalls().calls).toEqual({
      'conversations.list': 1,
      'conversations.members': 3,
      'conversations.history': 3,
    });
  });

  it('leaves a resumed page (`after`) to its resolver', async () => {
    const first = await gateway.graphql<{
      conversation: { messages: { edges: { cursor: string }[] } };
    }>(`query($id: ID!) { conversation(id: $id) { messages(first: 3) { edges { cursor } } } }`, {
      id: SCENARIO_IDS.conversations.general,
    });
    // The first page holds 4 messages: resuming after the first needs the next two, in that page.
    const after = first.body.data?.conversation.messages.edges[0]?.cursor;
    gateway.resetEmulatorCalls();
    const { body } = await gateway.graphql(
      `query($id: ID!, $after: String) { conversation(id: $id) { messages(first: 1, after: $after) { edges { node { ts } } } } }`,
      { id: SCENARIO_IDS.conversations.general, after },
    );
    expect(body.errors).toBeUndefined();
    expect(gateway.emulatorCalls().calls).toEqual({
      'conversations.info': 1,
      'conversations.history': 1,
    });
  });
});
