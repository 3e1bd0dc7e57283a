import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../src/graphql/print-schema.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const EXTRA = 100;
const extraChannels = Array.from({ length: EXTRA }, (_, i) => `C0FED${String(i).padStart(5, '0')}`);
const extraUsers = Array.from({ length: EXTRA }, (_, i) => `U0FED${String(i).padStart(5, '0')}`);

/** The scenario workspace plus 100 public channels alice belongs to and 100 more users. */
function bigWorkspace() {
  const workspace = scenarioWorkspace();
  const template = workspace.conversations.find((c) => c.id === SCENARIO_IDS.conversations.random);
  const user = workspace.users.find((u) => u.id === SCENARIO_IDS.users.dave);
  if (!template || !user) throw new Error('scenario workspace changed');
  extraChannels.forEach((id, i) => {
    workspace.conversations.push({
      ...template,
      id,
      name: `fed-${i}`,
      members: [SCENARIO_IDS.users.alice],
    });
  });
  extraUsers.forEach((id, i) => {
    workspace.users.push({ ...user, id, name: `fed-user-${i}` });
  });
  return workspace;
}

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Conversation { id conversationName: name numMembers }
    ... on User { id userName: name }
    ... on Team { id teamName: name }
  }
}`;

/** Names are aliased per type: `Conversation.name` is nullable, the others are not. */
interface EntityFields {
  __typename: string;
  id: string;
  conversationName?: string;
  userName?: string;
  teamName?: string;
  numMembers?: number;
}
type Entity = EntityFields | null;

const conversationRef = (id: string) => ({ __typename: 'Conversation', id });
const nameOf = (entity: Entity) => entity?.conversationName ?? entity?.userName ?? entity?.teamName;

describe('_entities (the subgraph entry point a router uses)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ workspace: bigWorkspace() });
  });
  afterAll(() => gw.close());

  const entities = async (representations: object[], token?: string | null) => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql<{ _entities: Entity[] }>(
      ENTITIES,
      { representations },
      token === undefined ? {} : { token },
    );
    return { body, calls: gw.emulatorCalls() };
  };

  it('resolves 100 conversations (num_members included) from one conversations.list page instead of 100 conversations.info', async () => {
    const { body, calls } = await entities(
      extraChannels.map((id) => ({ __typename: 'Conversation', id })),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((e) => e?.id)).toEqual(extraChannels);
    expect(body.data?._entities[7]).toEqual({
      __typename: 'Conversation',
      id: extraChannels[7],
      conversationName: 'fed-7',
      numMembers: 1,
    });
    // The page carries `num_members` for channels
    // (docs/slack-behaviour.md#the-conversation-object), as the info call with include_num_members
    // did; before list pages were used, this cost 100 conversations.info.
    expect(calls).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
  });

  it('costs exactly what nodes(ids:) costs for the same 100 conversations', async () => {
    const representations = extraChannels.map((id) => ({ __typename: 'Conversation', id }));
    gw.resetEmulatorCalls();
    const { body: viaEntities } = await gw.graphql(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Conversation { name } } }',
      { r: representations },
    );
    const entityCalls = gw.emulatorCalls();
    gw.resetEmulatorCalls();
    const { body: viaNodes } = await gw.graphql(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Conversation { name } } }',
      { ids: extraChannels },
    );
    expect(viaEntities.errors).toBeUndefined();
    expect(viaNodes.errors).toBeUndefined();
    expect(viaEntities.data).toEqual({ _entities: viaNodes.data?.nodes });
    expect(entityCalls).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
    expect(gw.emulatorCalls()).toEqual(entityCalls);
  });

  it('looks each distinct ID up once when a router repeats representations', async () => {
    const ids = extraChannels.slice(0, 10);
    const representations = [...ids, ...ids, ...ids].map((id) => ({
      __typename: 'Conversation',
      id,
    }));
    const { body, calls } = await entities(representations);
    expect(body.data?._entities).toHaveLength(30);
    expect(body.data?._entities[25]?.id).toBe(ids[5]);
    // Ten distinct IDs: one conversations.list page (they are all in it), not ten info calls.
    expect(calls).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
    // Three distinct IDs are too few for a page to pay: one conversations.info each.
    const few = await entities([...ids.slice(0, 3), ...ids.slice(0, 3)].map(conversationRef));
    expect(few.body.data?._entities.map((e) => e?.id)).toEqual([
      ...ids.slice(0, 3),
      ...ids.slice(0, 3),
    ]);
    expect(few.calls).toEqual({ calls: { 'conversations.info': 3 }, total: 3 });
  });

  it('resolves a conversation the token cannot see to null with CHANNEL_NOT_FOUND and keeps the others', async () => {
    const { general, secret } = SCENARIO_IDS.conversations;
    const { body, calls } = await entities([
      { __typename: 'Conversation', id: general },
      { __typename: 'Conversation', id: secret },
    ]);
    expect(body.data?._entities[0]).toMatchObject({ id: general, conversationName: 'general' });
    expect(body.data?._entities[1]).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      path: ['_entities', 1],
      extensions: {
        code: 'CHANNEL_NOT_FOUND',
        slack: { error: 'channel_not_found', method: 'conversations.info' },
      },
    });
    expect(calls).toEqual({ calls: { 'conversations.info': 2 }, total: 2 });

    // Bob is a member of that channel: the same representation resolves with his token.
    const asBob = await entities([{ __typename: 'Conversation', id: secret }], SCENARIO_TOKENS.bob);
    expect(asBob.body.errors).toBeUndefined();
    expect(asBob.body.data?._entities[0]).toMatchObject({
      id: secret,
      conversationName: 'bob-secret',
    });
  });

  it('resolves 100 users with one users.list page, and an unknown user to null with USER_NOT_FOUND', async () => {
    const representations = [...extraUsers, 'U0NOBODY'].map((id) => ({ __typename: 'User', id }));
    const { body, calls } = await entities(representations);
    expect(body.data?._entities.slice(0, EXTRA).map(nameOf)).toEqual(
      extraUsers.map((_, i) => `fed-user-${i}`),
    );
    expect(body.data?._entities[EXTRA]).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', EXTRA],
        extensions: expect.objectContaining({ code: 'USER_NOT_FOUND' }),
      }),
    ]);
    // users.list finds the 100; the stranger costs one users.info (which answers user_not_found).
    expect(calls).toEqual({ calls: { 'users.list': 1, 'users.info': 1 }, total: 2 });
  });

  it('resolves conversations and users of one request together, sharing the loaders with the rest of it', async () => {
    const { general, random } = SCENARIO_IDS.conversations;
    const { alice, bob } = SCENARIO_IDS.users;
    const { body, calls } = await entities([
      { __typename: 'User', id: alice },
      { __typename: 'Conversation', id: general },
      { __typename: 'User', id: bob },
      { __typename: 'Conversation', id: random },
      { __typename: 'Conversation', id: general },
    ]);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map(nameOf)).toEqual([
      'alice',
      'general',
      'bob',
      'random',
      'general',
    ]);
    expect(calls).toEqual({ calls: { 'users.list': 1, 'conversations.info': 2 }, total: 3 });
  });

  it("resolves the caller's team from auth.test alone and another team through team.info", async () => {
    const own = await entities([{ __typename: 'Team', id: SCENARIO_IDS.team }]);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data?._entities).toEqual([
      { __typename: 'Team', id: SCENARIO_IDS.team, teamName: 'Scenario' },
    ]);
    expect(own.calls).toEqual({ calls: { 'auth.test': 1 }, total: 1 });

    const other = await entities([{ __typename: 'Team', id: 'T0ELSEWHERE' }]);
    expect(other.body.data?._entities).toEqual([null]);
    expect(other.body.errors?.[0]).toMatchObject({
      path: ['_entities', 0],
      extensions: {
        code: 'TEAM_NOT_FOUND',
        slack: { error: 'team_not_found', method: 'team.info' },
      },
    });
    expect(other.calls).toEqual({ calls: { 'auth.test': 1, 'team.info': 1 }, total: 2 });
  });

  it('fails every representation with UNAUTHENTICATED and calls Slack not at all without a token', async () => {
    const { body, calls } = await entities(
      [{ __typename: 'Conversation', id: SCENARIO_IDS.conversations.general }],
      null,
    );
    expect(body.data?._entities).toEqual([null]);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(calls.total).toBe(0);
  });

  it('refuses a representation without a __typename as BAD_USER_INPUT', async () => {
    const { body, calls } = await entities([{ id: SCENARIO_IDS.conversations.general }]);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toContain('__typename');
    expect(calls.total).toBe(0);
  });

  it('serves _service.sdl as the committed schema/schema.graphql, without a Slack call', async () => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(`${body.data?._service.sdl}\n`).toBe(await readFile(SCHEMA_FILE, 'utf8'));
    expect(gw.emulatorCalls().total).toBe(0);
  });
});
