import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { send, sendOk } from './typed-graphql.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;

const ConversationDetails = graphql(`
  query ConversationDetails($id: ID!) {
    conversation(id: $id) {
      id
      type
      name
      nameNormalized
      created
      updated
      creator { id name }
      user { id }
      isChannel isGroup isIm isMpim isPrivate isArchived isGeneral isShared isExtShared
      isOrgShared isPendingExtShared isMember isOpen isFrozen isReadOnly
      topic { value creator { id name } lastSet }
      purpose { value creator { id } lastSet }
      properties { tabs { id } postingRestrictedTo { types } canvas { fileId } }
      previousNames
      numMembers
      locale
      contextTeamId
      sharedTeamIds
    }
  }
`);

const ImDetails = graphql(`
  query ImDetails($id: ID!) {
    conversation(id: $id) {
      id type name isIm isChannel isPrivate isMpim isOpen isUserDeleted
      user { id name realName }
      creator { id }
      topic { value }
      numMembers
      lastRead
      unreadCount
    }
  }
`);

const Everything = graphql(`
  query Everything {
    viewer {
      user { id name realName displayName isBot isAdmin deleted tz }
      team { id name domain }
      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 50) {
        edges { node { id type } }
        pageInfo { hasNextPage }
      }
    }
    all: conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 100) {
      edges { cursor node { id type isArchived } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
    live: conversations(excludeArchived: true, first: 100) {
      edges { node { id } }
    }
    dave: user(id: "U0DAVE") { id name deleted }
  }
`);

const Thread = graphql(`
  query Thread($id: ID!) {
    conversation(id: $id) {
      members(first: 10) { edges { node { id name } } pageInfo { hasNextPage } }
      messages(first: 10) {
        edges {
          node {
            id ts text subtype threadTs replyCount replyUsersCount latestReply createdAt botId
            user { id name }
            reactions { name count users { id } }
            conversation { id name }
            replies(first: 10) { edges { node { ts text parentUser { id } } } pageInfo { hasNextPage } }
          }
        }
        pageInfo { hasNextPage }
      }
    }
  }
`);

const History = graphql(`
  query History($id: ID!, $oldest: String, $latest: String, $inclusive: Boolean) {
    conversation(id: $id) {
      messages(oldest: $oldest, latest: $latest, inclusive: $inclusive) { edges { node { ts } } }
    }
  }
`);

const Nodes = graphql(`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Conversation { name }
      ... on User { username: name }
      ... on Message { ts text conversation { id } }
    }
  }
`);

const BobsConversations = graphql(`
  query BobsConversations {
    user(id: "U0BOB") {
      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) { edges { node { id } } }
    }
  }
`);

describe('the read graph over the scenario workspace', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('serves every documented field of a channel, in camelCase, with ISO-8601 dates', async () => {
    const data = await sendOk(gateway, ConversationDetails, { id: C.general });
    expect(data.conversation).toEqual({
      id: C.general,
      type: 'PUBLIC_CHANNEL',
      name: 'general',
      nameNormalized: 'general',
      created: '2023-11-14T22:13:20.000Z',
      updated: '2023-11-14T22:13:20.000Z',
      creator: { id: U.alice, name: 'alice' },
      user: null,
      isChannel: true,
      isGroup: false,
      isIm: false,
      isMpim: false,
      isPrivate: false,
      isArchived: false,
      isGeneral: true,
      isShared: false,
      isExtShared: false,
      isOrgShared: false,
      isPendingExtShared: false,
      isMember: true,
      isOpen: null,
      isFrozen: null,
      isReadOnly: null,
      topic: {
        value: 'Company-wide announcements',
        creator: { id: U.alice, name: 'alice' },
        lastSet: '2023-11-14T22:13:20.000Z',
      },
      purpose: {
        value: 'This is the one channel that will always include everyone.',
        creator: { id: U.alice },
        lastSet: '2023-11-14T22:13:20.000Z',
      },
      properties: { tabs: [], postingRestrictedTo: null, canvas: null },
      previousNames: [],
      numMembers: 4,
      locale: 'en-US',
      contextTeamId: SCENARIO_IDS.team,
      sharedTeamIds: [SCENARIO_IDS.team],
    });
  });

  it('asks conversations.info once, with every inclusion the query needs', async () => {
    gateway.resetEmulatorCalls();
    await sendOk(gateway, ConversationDetails, { id: C.random });
    // users.info for the one creator; topic and purpose were never set on #random.
    expect(gateway.emulatorCalls().calls).toEqual({ 'conversations.info': 1, 'users.info': 1 });
  });

  it('maps a never-set topic to an empty value with no creator and no lastSet', async () => {
    const data = await sendOk(gateway, ConversationDetails, { id: C.random });
    expect(data.conversation?.topic).toEqual({ value: '', creator: null, lastSet: null });
  });

  it('serves an IM with its other party, and null for what Slack never sends for IMs', async () => {
    const data = await sendOk(gateway, ImDetails, { id: C.im });
    expect(data.conversation).toEqual({
      id: C.im,
      type: 'IM',
      name: null,
      isIm: true,
      isChannel: false,
      isPrivate: true,
      isMpim: false,
      isOpen: expect.any(Boolean),
      isUserDeleted: false,
      user: { id: U.bob, name: 'bob', realName: 'Bob Baker' },
      creator: null,
      topic: null,
      numMembers: 2,
      lastRead: expect.any(String),
      unreadCount: expect.any(Number),
    });
  });

  it('serves the viewer, its team, lists with filters, and users', async () => {
    const data = await sendOk(gateway, Everything);
    expect(data.viewer.user).toEqual({
      id: U.alice,
      name: 'alice',
      realName: 'Alice Archer',
      displayName: 'alice',
      isBot: false,
      isAdmin: true,
      deleted: false,
      tz: 'Europe/Amsterdam',
    });
    expect(data.viewer.team).toEqual({
      id: SCENARIO_IDS.team,
      name: 'Scenario',
      domain: 'scenario',
    });
    const mine = data.viewer.conversations.edges.map((edge) => edge.node.id);
    expect(mine).toEqual(expect.arrayContaining([C.general, C.private, C.im, C.imBot, C.mpim]));
    expect(mine).not.toContain(C.secret);
    const all = data.all.edges.map((edge) => edge.node.id);
    expect(all).toEqual(expect.arrayContaining([C.general, C.archived, C.private, C.im, C.mpim]));
    expect(all).not.toContain(C.secret);
    expect(data.all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(data.all.pageInfo.startCursor).toBe(data.all.edges[0]?.cursor);
    expect(data.all.pageInfo.endCursor).toBe(data.all.edges.at(-1)?.cursor);
    const live = data.live.edges.map((edge) => edge.node.id);
    expect(live).toContain(C.general);
    expect(live).not.toContain(C.archived);
    expect(live).not.toContain(C.private);
    expect(data.dave).toEqual({ id: U.dave, name: 'dave', deleted: true });
  });

  it("lists another user's conversations that the caller can see", async () => {
    const data = await sendOk(gateway, BobsConversations);
    const ids = data.user?.conversations.edges.map((edge) => edge.node.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([C.general, C.random, C.im, C.mpim]));
    expect(ids).not.toContain(C.secret);
  });

  it('serves members, messages newest first, threads, reactions and authors', async () => {
    const data = await sendOk(gateway, Thread, { id: C.general });
    const conversation = data.conversation;
    expect(conversation?.members.edges.map((edge) => edge.node.name)).toEqual([
      'alice',
      'bob',
      'carol',
      'scenario-bot',
    ]);
    expect(conversation?.members.pageInfo.hasNextPage).toBe(false);
    const messages = conversation?.messages.edges.map((edge) => edge.node) ?? [];
    expect(messages.map((message) => message.ts)).toEqual([
      '1700000700.000700',
      '1700000600.000600',
      SCENARIO_IDS.generalReplies[1],
      SCENARIO_IDS.generalThread,
      '1700000100.000100',
    ]);
    const [deploy, lunch, broadcast, parent] = messages;
    expect(deploy).toMatchObject({ botId: SCENARIO_IDS.botId, user: { id: U.bot } });
    expect(lunch?.reactions).toEqual([
      { name: 'taco', count: 2, users: [{ id: U.alice }, { id: U.bob }] },
    ]);
    expect(broadcast).toMatchObject({
      subtype: 'thread_broadcast',
      threadTs: SCENARIO_IDS.generalThread,
    });
    expect(parent).toMatchObject({
      text: 'Release plan for next week?',
      user: { id: U.bob, name: 'bob' },
      replyCount: 3,
      replyUsersCount: 3,
      latestReply: SCENARIO_IDS.generalReplies[2],
      createdAt: '2023-11-14T22:16:40.000Z',
      conversation: { id: C.general, name: 'general' },
    });
    expect(parent?.replies.edges.map((edge) => edge.node.ts)).toEqual([
      SCENARIO_IDS.generalThread,
      ...SCENARIO_IDS.generalReplies,
    ]);
    expect(parent?.replies.edges[1]?.node.parentUser).toEqual({ id: U.bob });
    expect(lunch?.replyCount).toBeNull();
  });

  it('bounds history with oldest, latest and inclusive', async () => {
    const bounded = await sendOk(gateway, History, {
      id: C.general,
      oldest: '1700000100.000100',
      latest: '1700000600.000600',
    });
    expect(bounded.conversation?.messages.edges.map((edge) => edge.node.ts)).toEqual([
      SCENARIO_IDS.generalReplies[1],
      SCENARIO_IDS.generalThread,
    ]);
    const inclusive = await sendOk(gateway, History, {
      id: C.general,
      oldest: '1700000100.000100',
      latest: '1700000600.000600',
      inclusive: true,
    });
    expect(inclusive.conversation?.messages.edges).toHaveLength(4);
  });

  it('loads conversations, users and messages back by node ID', async () => {
    const thread = await sendOk(gateway, Thread, { id: C.general });
    const parent = thread.conversation?.messages.edges[3]?.node;
    const reply = await sendOk(gateway, Nodes, { ids: [C.general] });
    expect(reply.nodes).toEqual([{ __typename: 'Conversation', id: C.general, name: 'general' }]);
    const messageIds = [parent?.id ?? '', thread.conversation?.messages.edges[2]?.node.id ?? ''];
    const data = await sendOk(gateway, Nodes, { ids: [U.carol, ...messageIds] });
    expect(data.nodes).toEqual([
      { __typename: 'User', id: U.carol, username: 'carol' },
      {
        __typename: 'Message',
        id: messageIds[0],
        ts: SCENARIO_IDS.generalThread,
        text: 'Release plan for next week?',
        conversation: { id: C.general },
      },
      {
        __typename: 'Message',
        id: messageIds[1],
        ts: SCENARIO_IDS.generalReplies[1],
        text: 'Tuesday it is, everyone',
        conversation: { id: C.general },
      },
    ]);
  });

  it('loads a thread reply back by node ID through conversations.replies', async () => {
    const thread = await sendOk(gateway, Thread, { id: C.general });
    const replyId = thread.conversation?.messages.edges[3]?.node.replies.edges[1]?.node.ts;
    expect(replyId).toBe(SCENARIO_IDS.generalReplies[0]);
    const RepliesIds = graphql(`
      query ReplyIds($id: ID!) {
        conversation(id: $id) {
          messages(first: 4) { edges { node { replies(first: 2) { edges { node { id ts } } } } } }
        }
      }
    `);
    const ids = await sendOk(gateway, RepliesIds, { id: C.general });
    const reply = ids.conversation?.messages.edges[3]?.node.replies.edges[1]?.node;
    gateway.resetEmulatorCalls();
    const data = await sendOk(gateway, Nodes, { ids: [reply?.id ?? ''] });
    expect(data.nodes[0]).toMatchObject({
      __typename: 'Message',
      ts: reply?.ts,
      text: 'Tuesday works for me',
    });
    expect(gateway.emulatorCalls().calls['conversations.replies']).toBe(1);
  });

  it('refuses a node ID that is not one, with BAD_USER_INPUT', async () => {
    const body = await send(gateway, Nodes, { ids: ['not-an-id'] });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the same data to a bot token, scoped to what the bot may see', async () => {
    const data = await sendOk(gateway, Everything, undefined, SCENARIO_TOKENS.bot);
    expect(data.viewer.user.isBot).toBe(true);
  });
});

const PropertiesQuery = graphql(`
  query PropertiesQuery($id: ID!) {
    conversation(id: $id) {
      previousNames
      properties {
        postingRestrictedTo { types users { id name } subteamIds }
        threadsRestrictedTo { types users { id } subteamIds }
        tabs { id label type isDisabled }
        canvas { fileId isEmpty quipThreadId }
        atChannelRestricted
        atHereRestricted
        huddlesRestricted
        sharingDisabled
        membershipLimit
        defaultTabId
        autoOpenTabId
        whoCanManageChannelAgent
      }
    }
  }
`);

describe('conversation properties', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    const workspace = scenarioWorkspace();
    const general = workspace.conversations.find((entry) => entry.id === C.general);
    if (!general) throw new Error('the scenario has #general');
    general.previous_names = ['announcements', 'all-hands'];
    general.properties = {
      posting_restricted_to: { type: ['admin'], user: [U.alice] },
      threads_restricted_to: { type: ['ra'] },
      tabs: [
        { id: 'files', label: 'Files', type: 'files' },
        { id: 'Ct0LIST', label: 'Plans', type: 'list', is_disabled: true },
      ],
      canvas: { file_id: 'F0CANVAS1', is_empty: false, quip_thread_id: 'abc123' },
      at_channel_restricted: true,
      huddles_restricted: false,
      membership_limit: 100,
      default_tab_id: 'files',
    };
    gateway = await startTestGateway({ workspace });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('maps every property Slack sends and null or [] for the ones it omits', async () => {
    const data = await sendOk(gateway, PropertiesQuery, { id: C.general });
    expect(data.conversation).toEqual({
      previousNames: ['announcements', 'all-hands'],
      properties: {
        postingRestrictedTo: {
          types: ['admin'],
          users: [{ id: U.alice, name: 'alice' }],
          subteamIds: [],
        },
        threadsRestrictedTo: { types: ['ra'], users: [], subteamIds: [] },
        tabs: [
          { id: 'files', label: 'Files', type: 'files', isDisabled: null },
          { id: 'Ct0LIST', label: 'Plans', type: 'list', isDisabled: true },
        ],
        canvas: { fileId: 'F0CANVAS1', isEmpty: false, quipThreadId: 'abc123' },
        atChannelRestricted: true,
        atHereRestricted: null,
        huddlesRestricted: false,
        sharingDisabled: null,
        membershipLimit: 100,
        defaultTabId: 'files',
        autoOpenTabId: null,
        whoCanManageChannelAgent: null,
      },
    });
  });
});
