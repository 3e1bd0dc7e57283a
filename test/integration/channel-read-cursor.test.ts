import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { mutate } from '../helpers/mutations.js';

/**
 * `Conversation.lastRead` answers for channels and MPIMs as it does for IMs, so
 * `markConversation` on a channel is visible through the graph; unread counts stay IM-only
 * (Slack sends them for IMs only).
 */

const C = SCENARIO_IDS.conversations;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const CHANNELS = [
  { kind: 'public channel', id: C.random, ts: '1700000110.000100' },
  { kind: 'private channel', id: C.private, ts: '1700000130.000100' },
  { kind: 'MPIM', id: C.mpim, ts: '1700001000.000100' },
] as const;

describe('Conversation.lastRead on channels', () => {
  it.each(CHANNELS)(
    'shows the read cursor markConversation set on a $kind, for one conversations.info',
    async ({ id, ts }) => {
      const marked = await mutate(
        gw,
        'markConversation',
        { id, ts },
        '... on MarkConversationPayload { conversation { id lastRead unreadCount } }',
      );
      expect(marked).toMatchObject({ conversation: { id, lastRead: ts, unreadCount: null } });

      gw.resetEmulatorCalls();
      const { body } = await gw.graphql<{ conversation: { lastRead: string | null } }>(
        'query($id: ID!) { conversation(id: $id) { lastRead unreadCount } }',
        { id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.conversation).toEqual({ lastRead: ts, unreadCount: null });
      expect(gw.emulatorCalls().calls).toEqual({ 'conversations.info': 1 });
    },
  );

  it('reads lastRead of listed channels with one conversations.info each, none for fields the list has', async () => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql<{
      viewer: { conversations: { edges: { node: { id: string; lastRead: string | null } }[] } };
    }>(
      '{ viewer { conversations(first: 3, types: [PUBLIC_CHANNEL]) { edges { node { id lastRead } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.viewer.conversations.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBe(3);
    for (const node of nodes) expect(node.lastRead).toMatch(/^\d{10}\.\d{6}$/);
    const { calls } = gw.emulatorCalls();
    expect(calls['conversations.info']).toBe(3);
  });
});
