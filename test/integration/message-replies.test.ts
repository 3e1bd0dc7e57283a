import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.close();
});

interface HistoryData {
  conversation: {
    messages: {
      edges: {
        node: {
          ts: string;
          subtype: string | null;
          replies: { edges: { node: { ts: string } }[] };
        };
      }[];
    };
  };
}

describe('Message.replies on messages outside any thread', () => {
  it('answers the message alone, without a Slack call, for system messages such as joins', async () => {
    const channel = SCENARIO_IDS.conversations.random;
    // Carol joining posts a channel_join message, which conversations.replies refuses with
    // thread_not_found: the field must not turn the whole history into an error.
    const joined = await gateway.graphql(
      `mutation { joinConversation(input: { id: "${channel}" }) { __typename } }`,
      {},
      { token: SCENARIO_TOKENS.withEmail },
    );
    expect(joined.body.errors).toBeUndefined();
    gateway.resetEmulatorCalls();

    const { body } = await gateway.graphql<HistoryData>(
      `{ conversation(id: "${channel}") { messages(first: 20) { edges { node {
          ts subtype replies(first: 5) { edges { node { ts } } } } } } } }`,
    );

    expect(body.errors).toBeUndefined();
    const nodes = body.data?.conversation.messages.edges.map((edge) => edge.node) ?? [];
    const join = nodes.find((node) => node.subtype === 'channel_join');
    expect(join).toBeDefined();
    for (const node of nodes) {
      expect(node.replies.edges.map((edge) => edge.node.ts)).toEqual([node.ts]);
    }
    expect(gateway.emulatorCalls().calls['conversations.replies']).toBeUndefined();
  });
});
