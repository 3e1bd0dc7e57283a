import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { send, sendOk } from './typed-graphql.js';

const C = SCENARIO_IDS.conversations;

const ConversationAndViewer = graphql(`
  query ConversationAndViewer($id: ID!) {
    conversation(id: $id) { id name }
    viewer { user { id } }
  }
`);

const ConversationMessages = graphql(`
  query ConversationMessages($id: ID!) {
    conversation(id: $id) { id name messages(first: 1) { edges { node { ts } } } }
  }
`);

const ListPage = graphql(`
  query ListPage($first: Int, $after: String, $last: Int, $before: String, $excludeArchived: Boolean) {
    conversations(first: $first, after: $after, last: $last, before: $before, excludeArchived: $excludeArchived) {
      edges { cursor node { id } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

const MyPage = graphql(`
  query MyPage($after: String) {
    viewer { conversations(first: 1, after: $after) { pageInfo { endCursor } } }
  }
`);

const OneUser = graphql(`
  query OneUser($id: ID!) { user(id: $id) { id name } }
`);

describe('errors', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('resolves an invisible conversation to null with CHANNEL_NOT_FOUND, and the rest still resolves', async () => {
    const body = await send(gateway, ConversationAndViewer, { id: C.secret });
    expect(body.data).toEqual({
      conversation: null,
      viewer: { user: { id: SCENARIO_IDS.users.alice } },
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['conversation'],
        extensions: {
          code: 'CHANNEL_NOT_FOUND',
          slack: { error: 'channel_not_found', method: 'conversations.info' },
        },
      }),
    ]);
  });

  it('reports MISSING_SCOPE with needed and provided on the field that needed the scope', async () => {
    const body = await send(
      gateway,
      ConversationMessages,
      { id: C.general },
      SCENARIO_TOKENS.readOnly,
    );
    expect(body.data).toEqual({ conversation: null });
    expect(body.errors?.[0]).toMatchObject({
      path: ['conversation', 'messages'],
      extensions: {
        code: 'MISSING_SCOPE',
        slack: {
          error: 'missing_scope',
          method: 'conversations.history',
          // Slack names every scope that would do when the token holds none of them.
          needed: 'channels:history,groups:history,mpim:history,im:history',
          provided: 'channels:read',
        },
      },
    });
  });

  it('reports NOT_IN_CHANNEL when a bot reads the history of a channel it is not in', async () => {
    const body = await send(gateway, ConversationMessages, { id: C.random }, SCENARIO_TOKENS.bot);
    expect(body.errors?.[0]).toMatchObject({
      path: ['conversation', 'messages'],
      extensions: { code: 'NOT_IN_CHANNEL', slack: { method: 'conversations.history' } },
    });
  });

  it('reports USER_NOT_FOUND for an unknown user', async () => {
    const body = await send(gateway, OneUser, { id: 'U0NOBODY' });
    expect(body.data).toEqual({ user: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'USER_NOT_FOUND' });
  });

  it('answers UNAUTHENTICATED without calling Slack when the request has no token', async () => {
    gateway.resetEmulatorCalls();
    const body = await send(gateway, ConversationAndViewer, { id: C.general }, null);
    expect(body.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
    expect(gateway.emulatorCalls().total).toBe(0);
  });

  it("passes Slack's code through for a revoked token", async () => {
    const body = await send(
      gateway,
      OneUser,
      { id: SCENARIO_IDS.users.bob },
      SCENARIO_TOKENS.revoked,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'TOKEN_REVOKED' });
    expect(JSON.stringify(body)).not.toContain(SCENARIO_TOKENS.revoked);
  });

  it.each([
    [{ last: 2 }, 'forward-only'],
    [{ before: 'x' }, 'forward-only'],
    [{ first: 1001 }, 'from 0 to 1000'],
    [{ first: -1 }, 'from 0 to 1000'],
    [{ after: 'garbage' }, 'not a cursor'],
    [{ after: '' }, 'not a cursor'],
  ])('refuses %j with BAD_USER_INPUT and no Slack call', async (variables, message) => {
    gateway.resetEmulatorCalls();
    const body = await send(gateway, ListPage, variables);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      path: ['conversations'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(body.errors?.[0]?.message).toContain(message);
    expect(gateway.emulatorCalls().total).toBe(0);
  });

  it('refuses cursors of another connection, another filter, another token or tampered ones, with no Slack call', async () => {
    const list = await sendOk(gateway, ListPage, { first: 2 });
    const listCursor = list.conversations.pageInfo.endCursor ?? '';
    const mine = await sendOk(gateway, MyPage, {});
    const viewerCursor = mine.viewer.conversations.pageInfo.endCursor ?? '';
    const [payload = '', mac = ''] = listCursor.split('.');
    const flipped = `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}.${mac}`;
    const attempts = [
      () => send(gateway, ListPage, { after: viewerCursor }),
      () => send(gateway, MyPage, { after: listCursor }),
      () => send(gateway, ListPage, { after: listCursor, excludeArchived: true }),
      () => send(gateway, ListPage, { after: listCursor }, SCENARIO_TOKENS.bob),
      () => send(gateway, ListPage, { after: flipped }),
    ];
    for (const attempt of attempts) {
      gateway.resetEmulatorCalls();
      const body = await attempt();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // MyPage's viewer costs nothing before its connection refuses the cursor.
      expect(gateway.emulatorCalls().total).toBe(0);
    }
    const resumed = await sendOk(gateway, ListPage, { after: listCursor, first: 1 });
    expect(resumed.conversations.edges).toHaveLength(1);
  });
});
