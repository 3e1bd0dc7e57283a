import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isLeafType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATED_TOKENS,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import type { WorkspaceConversation } from '../../src/emulator/state/workspace-file.js';
import { schema } from '../../src/graphql/schema.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const OWNER = 'U0G0000000';
const PARTNER_TEAM = 'T0PARTNER1';
/** The owner's scopes minus everything but public channels. */
const PUBLIC_ONLY_TOKEN = 'xoxp-generated-public-only';

/**
 * A generated workspace of 150 channels (about a third private, some archived), 10 IMs and 4
 * MPIMs of the owner, plus a channel shared with another workspace and a pre-2021 private
 * channel with a `G…` ID: every kind of conversation a representation can name.
 */
function batchingWorkspace() {
  const workspace = generateWorkspace({
    seed: 11,
    channels: 150,
    users: 40,
    messages: 400,
    privateRatio: 0.3,
    archivedRatio: 0.15,
    ims: 10,
    mpims: 4,
  });
  const base = workspace.conversations[1] as WorkspaceConversation;
  workspace.conversations.push(
    {
      ...base,
      id: 'C0SHARED01',
      name: 'shared-with-partner',
      name_normalized: 'shared-with-partner',
      is_private: false,
      is_archived: false,
      is_shared: true,
      is_ext_shared: true,
      shared_team_ids: [workspace.team.id, PARTNER_TEAM],
      internal_team_ids: [],
      connected_team_ids: [PARTNER_TEAM],
      conversation_host_id: workspace.team.id,
      pending_shared: [],
      pending_connected_team_ids: [],
      members: [OWNER],
    },
    {
      ...base,
      id: 'G0LEGACY01',
      name: 'legacy-private',
      name_normalized: 'legacy-private',
      is_channel: false,
      is_group: true,
      is_private: true,
      is_archived: false,
      members: [OWNER],
    },
  );
  workspace.tokens.push({
    token: PUBLIC_ONLY_TOKEN,
    user_id: OWNER,
    scopes: ['channels:read', 'users:read'],
  });
  return workspace;
}

const workspace = batchingWorkspace();
const conversations = workspace.conversations;
const visible = conversations.filter((c) => c.is_private !== true || c.members.includes(OWNER));
const unseen = conversations.filter((c) => c.is_private === true && !c.members.includes(OWNER));
const kindOf = (c: WorkspaceConversation) =>
  c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private' : 'public';
const byKind = (kind: string) => visible.filter((c) => kindOf(c) === kind);
const ims = byKind('im');
const mpims = byKind('mpim');
const NO_SUCH_ID = 'C0NOSUCH01';

/** One of each kind the owner can see, by a name that says which. */
const SPREAD: Record<string, string> = {
  public: (byKind('public')[3] as WorkspaceConversation).id,
  private: (
    byKind('private').find((c) => c.id.startsWith('C') && !c.is_archived) as WorkspaceConversation
  ).id,
  archived: (byKind('public').find((c) => c.is_archived === true) as WorkspaceConversation).id,
  archivedPrivate: (byKind('private').find((c) => c.is_archived === true) as WorkspaceConversation)
    .id,
  mpim: (mpims[0] as WorkspaceConversation).id,
  im: (ims[0] as WorkspaceConversation).id,
  shared: 'C0SHARED01',
  legacyPrivate: 'G0LEGACY01',
  general: (conversations[0] as WorkspaceConversation).id,
};

/**
 * Every field of Conversation that is about the conversation object itself (connections and
 * fields with arguments left out), with nested objects to their leaves and users by ID.
 */
function selection(type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()).filter(
    (field: GraphQLField<unknown, unknown>) =>
      field.args.length === 0 && !getNamedType(field.type).name.endsWith('Connection'),
  );
  const parts: string[] = [];
  for (const field of fields) {
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (named.name === 'User') parts.push(`${field.name} { id }`);
    else if (isObjectType(named) && named.name !== 'Conversation' && depth > 0) {
      const inner = selection(named, depth - 1);
      if (inner !== '') parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}
const CONVERSATION = schema.getType('Conversation') as GraphQLObjectType;
const FULL_FIELDS = selection(CONVERSATION, 2);
/** `locale` sends every ID to conversations.info (no list carries it); the rest can be listed. */
const LISTABLE_FIELDS = FULL_FIELDS.replace(/\blocale\b/, '');
/** Without `numMembers` too, MPIMs and IMs are answered from their list objects as well. */
const NO_INCLUSIONS = LISTABLE_FIELDS.replace(/\bnumMembers\b/, '');

const entitiesQuery = (fields: string) => `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Conversation { ${fields} } }
}`;
/**
 * Fields every list object of this workspace carries (generated MPIMs have no topic or purpose,
 * and a field a list object lacks costs conversations.info, as it does in `conversations`).
 */
const LIST_FIELDS = 'id name type created isArchived isMember creator { id }';

type Entity = Record<string, unknown> | null;
interface Failure {
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

const representations = (ids: readonly string[]) =>
  ids.map((id) => ({ __typename: 'Conversation', id }));

describe('_entities and nodes(ids:) resolve many conversations from conversations.list pages', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ workspace: batchingWorkspace(), token: GENERATED_TOKENS.user });
  });
  afterAll(() => gw.close());

  const entities = async (ids: readonly string[], fields = LIST_FIELDS, token?: string) => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql<{ _entities: Entity[] }>(
      entitiesQuery(fields),
      { r: representations(ids) },
      token === undefined ? {} : { token },
    );
    return {
      entities: body.data?._entities ?? [],
      errors: (body.errors ?? []) as Failure[],
      calls: gw.emulatorCalls(),
    };
  };

  it('resolves every conversation the token can see (over 100, of every kind) with one conversations.list page', async () => {
    expect(visible.length).toBeGreaterThanOrEqual(100);
    const ids = visible.map((c) => c.id);
    const { entities: found, errors, calls } = await entities(ids);
    expect(errors).toEqual([]);
    expect(found.map((entity) => entity?.id)).toEqual(ids);
    const general = found[0];
    expect(general).toMatchObject({ name: 'general', type: 'PUBLIC_CHANNEL', isMember: true });
    // Before: one conversations.info per ID (ids.length calls). The workspace's 166
    // conversations fit one page of 999.
    expect(calls).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
  });

  /** `ids` through `nodes(ids:)`: the body and the Slack calls it cost. */
  const nodes = async (ids: readonly string[]) => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql<{ nodes: Entity[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Conversation { ${LIST_FIELDS} } } }`,
      { ids },
    );
    return { body, calls: gw.emulatorCalls() };
  };

  it('costs the same through nodes(ids:)', async () => {
    const ids = visible.slice(0, 120).map((c) => c.id);
    const { body, calls: viaNodes } = await nodes(ids);
    const viaEntities = await entities(ids);
    expect(body.errors).toBeUndefined();
    expect(body.data?.nodes).toEqual(viaEntities.entities);
    expect(viaNodes).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
    expect(viaEntities.calls).toEqual(viaNodes);
  });

  it('answers what the token cannot see with null and CHANNEL_NOT_FOUND, one conversations.info each', async () => {
    expect(unseen.length).toBeGreaterThan(0);
    const strangers = [...unseen.map((c) => c.id), NO_SUCH_ID];
    const ids = [...visible.slice(0, 100).map((c) => c.id), ...strangers];
    const { entities: found, errors, calls } = await entities(ids);
    expect(found.slice(0, 100).every((entity) => entity !== null)).toBe(true);
    expect(found.slice(100)).toEqual(strangers.map(() => null));
    expect(errors.map((error) => error.path)).toEqual(
      strangers.map((_, index) => ['_entities', 100 + index]),
    );
    for (const error of errors) {
      expect(error.extensions).toMatchObject({
        code: 'CHANNEL_NOT_FOUND',
        slack: { error: 'channel_not_found', method: 'conversations.info' },
      });
    }
    expect(calls).toEqual({
      calls: { 'conversations.list': 1, 'conversations.info': strangers.length },
      total: 1 + strangers.length,
    });
  });

  it('nulls only the entries of nodes(ids:) the token cannot see, at the cost _entities pays', async () => {
    const strangers = [...unseen.map((c) => c.id), NO_SUCH_ID];
    const ids = [...visible.slice(0, 100).map((c) => c.id), ...strangers];
    const { body, calls: viaNodes } = await nodes(ids);
    const viaEntities = await entities(ids);
    expect(body.data?.nodes).toEqual(viaEntities.entities);
    expect(body.data?.nodes).toHaveLength(ids.length);
    expect((body.errors ?? []).map((error) => error.path)).toEqual(
      strangers.map((_, index) => ['nodes', 100 + index]),
    );
    for (const error of body.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'CHANNEL_NOT_FOUND' });
    }
    expect(viaNodes).toEqual(viaEntities.calls);
  });

  it('keeps to conversations.info for batches too small for a page to pay (up to four IDs)', async () => {
    for (const size of [1, 2, 4]) {
      const ids = visible.slice(10, 10 + size).map((c) => c.id);
      const { entities: found, calls } = await entities(ids);
      expect(found.map((entity) => entity?.id)).toEqual(ids);
      expect(calls).toEqual({ calls: { 'conversations.info': size }, total: size });
    }
    const five = visible.slice(10, 15).map((c) => c.id);
    expect((await entities(five)).calls).toEqual({
      calls: { 'conversations.list': 1 },
      total: 1,
    });
  });

  it('asks conversations.info for what list objects lack: num_members of MPIMs and IMs', async () => {
    const ids = visible.map((c) => c.id);
    const { entities: found, errors, calls } = await entities(ids, 'id numMembers');
    expect(errors).toEqual([]);
    const counts = new Map(found.map((entity) => [entity?.id, entity?.numMembers]));
    for (const conversation of visible) {
      expect(counts.get(conversation.id)).toBe(conversation.members.length);
    }
    const withoutCount = ims.length + mpims.length;
    expect(calls).toEqual({
      calls: { 'conversations.list': 1, 'conversations.info': withoutCount },
      total: 1 + withoutCount,
    });
  });

  it('asks conversations.info for every conversation when locale is selected, which no list carries', async () => {
    const ids = visible.slice(0, 20).map((c) => c.id);
    const { entities: found, calls } = await entities(ids, 'id locale');
    expect(found.every((entity) => entity?.locale === 'en-US')).toBe(true);
    expect(calls).toEqual({ calls: { 'conversations.info': 20 }, total: 20 });
  });

  it('lists only the types a token may list: after missing_scope, public channels alone', async () => {
    const publicIds = byKind('public').map((c) => c.id);
    const privateIds = byKind('private').map((c) => c.id);
    const {
      entities: found,
      errors,
      calls,
    } = await entities([...publicIds, ...privateIds], 'id name', PUBLIC_ONLY_TOKEN);
    expect(found.slice(0, publicIds.length).map((entity) => entity?.id)).toEqual(publicIds);
    expect(found.slice(publicIds.length)).toEqual(privateIds.map(() => null));
    // conversations.info reports each private channel itself (the token lacks groups:read).
    expect(new Set(errors.map((error) => error.extensions?.code))).toEqual(
      new Set(['MISSING_SCOPE']),
    );
    // The first page asked for private channels and MPIMs too and failed with missing_scope; the
    // second asked for public channels only.
    expect(calls).toEqual({
      calls: { 'conversations.list': 2, 'conversations.info': privateIds.length },
      total: 2 + privateIds.length,
    });
  });

  it.each([
    ['every field but locale', LISTABLE_FIELDS],
    ['every field but locale and numMembers', NO_INCLUSIONS],
  ])(
    'answers %s of a listed conversation exactly as conversations.info does, for every kind',
    async (_, fields) => {
      expect(fields).not.toBe(FULL_FIELDS);
      // Scanned: the spread travels in a batch of 100, which conversations.list answers.
      const spread = Object.values(SPREAD);
      const others = visible.map((c) => c.id).filter((id) => !spread.includes(id));
      const batch = [...spread, ...others.slice(0, 100 - spread.length)];
      const scanned = await entities(batch, fields);
      expect(scanned.errors).toEqual([]);
      expect(scanned.calls.calls['conversations.list']).toBe(1);

      for (const [kind, id] of Object.entries(SPREAD)) {
        gw.resetEmulatorCalls();
        const { body } = await gw.graphql<{ conversation: Entity }>(
          `query ($id: ID!) { conversation(id: $id) { ${fields} } }`,
          { id },
        );
        expect(body.errors, kind).toBeUndefined();
        // One ID alone is conversations.info (with the inclusions the selection names).
        expect(gw.emulatorCalls().calls['conversations.list'], kind).toBeUndefined();
        expect(scanned.entities[spread.indexOf(id)], kind).toEqual(body.data?.conversation);
      }
    },
  );
});
