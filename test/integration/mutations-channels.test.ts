import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  callsOf,
  conversationsNamed,
  emulatorHistory,
  mutate,
  topLevelCode,
} from '../helpers/mutations.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;
const [project1 = '', , , project4 = ''] = C.extra;

const CONVERSATION = `conversation { id name isPrivate isArchived isMember previousNames
  creator { id } topic { value creator { id } } purpose { value } }`;

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
});
afterEach(async () => {
  await gw.close();
});

describe('createConversation', () => {
  it('creates a public channel and returns it as Slack now has it', async () => {
    const result = await mutate(
      gw,
      'createConversation',
      { name: 'launch-plans' },
      `... on CreateConversationPayload { ${CONVERSATION} }`,
    );
    expect(result).toMatchObject({
      __typename: 'CreateConversationPayload',
      conversation: {
        name: 'launch-plans',
        isPrivate: false,
        isArchived: false,
        isMember: true,
        previousNames: [],
        creator: { id: U.alice },
        topic: { value: '', creator: null },
      },
    });
    // The answer of conversations.create is the whole object: no conversations.info needed.
    expect(callsOf(gw, 'conversations.create')).toBe(1);
    expect(callsOf(gw, 'conversations.info')).toBe(0);
    expect(await conversationsNamed(gw, 'launch-plans')).toHaveLength(1);
  });

  it('shows a new public channel to later operations of any token, and a private one only to members', async () => {
    const pub = await mutate(
      gw,
      'createConversation',
      { name: 'open-room' },
      '... on CreateConversationPayload { conversation { id } }',
    );
    const priv = await mutate(
      gw,
      'createConversation',
      { name: 'closed-room', isPrivate: true },
      '... on CreateConversationPayload { conversation { id isPrivate } }',
    );
    const pubId = (pub.conversation as { id: string }).id;
    const privId = (priv.conversation as { id: string; isPrivate: boolean }).id;
    expect(priv.conversation).toMatchObject({ isPrivate: true });

    const list = await gw.graphql<{
      conversations: { edges: { node: { id: string } }[] };
    }>(
      '{ conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL], first: 100) { edges { node { id } } } }',
    );
    const ids = list.body.data?.conversations.edges.map((edge) => edge.node.id);
    expect(ids).toEqual(expect.arrayContaining([pubId, privId]));

    const asBob = await gw.graphql(
      'query($pub: ID!, $priv: ID!) { pub: conversation(id: $pub) { name isMember } priv: conversation(id: $priv) { name } }',
      { pub: pubId, priv: privId },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(asBob.body.data).toEqual({ pub: { name: 'open-room', isMember: false }, priv: null });
    expect(asBob.body.errors).toHaveLength(1);
    expect(asBob.body.errors?.[0]?.path).toEqual(['priv']);
    expect(topLevelCode(asBob.body)).toBe('CHANNEL_NOT_FOUND');
  });

  it('answers NameTakenError for a name in use, archived channels included', async () => {
    for (const name of ['general', 'old-project']) {
      const result = await mutate(gw, 'createConversation', { name }, '');
      expect(result).toEqual({
        __typename: 'NameTakenError',
        code: 'name_taken',
        message: expect.any(String),
      });
    }
  });

  it.each([
    ['', 'invalid_name_required'],
    ['x'.repeat(81), 'invalid_name_maxlength'],
    ['Launch', 'invalid_name_specials'],
    ['launch plans', 'invalid_name_specials'],
    ['--__', 'invalid_name_punctuation'],
  ])('refuses the name %j with ValidationError %s before calling Slack', async (name, code) => {
    const result = await mutate(
      gw,
      'createConversation',
      { name },
      '... on ValidationError { field }',
    );
    expect(result).toMatchObject({ __typename: 'ValidationError', code, field: 'name' });
    expect(result.message).not.toBe('');
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('accepts names of exactly 80 characters and of scripts without case', async () => {
    for (const name of ['x'.repeat(80), '日本語-チャンネル']) {
      const result = await mutate(
        gw,
        'createConversation',
        { name },
        '... on CreateConversationPayload { conversation { name } }',
      );
      expect(result).toMatchObject({ conversation: { name } });
    }
  });

  it('answers MissingScopeError with needed and provided for a token without a write scope', async () => {
    const result = await mutate(
      gw,
      'createConversation',
      { name: 'no-scope' },
      '... on MissingScopeError { needed provided }',
      SCENARIO_TOKENS.readOnly,
    );
    expect(result).toMatchObject({
      __typename: 'MissingScopeError',
      code: 'missing_scope',
      provided: 'channels:read',
    });
    expect(result.needed).toMatch(/channels:(write|manage)/);
  });

  it('keeps request-level failures top-level: no token and a revoked token', async () => {
    const query = 'mutation { createConversation(input: { name: "x1" }) { __typename } }';
    const anonymous = await gw.graphql(query, {}, { token: null });
    expect(topLevelCode(anonymous.body)).toBe('UNAUTHENTICATED');
    const revoked = await gw.graphql(query, {}, { token: SCENARIO_TOKENS.revoked });
    expect(topLevelCode(revoked.body)).toBe('TOKEN_REVOKED');
    expect(revoked.body.data).toBeNull();
    expect(await conversationsNamed(gw, 'x1')).toHaveLength(0);
  });
});

describe('renameConversation', () => {
  it('renames a channel; Slack normalises the name and keeps the old one', async () => {
    const result = await mutate(
      gw,
      'renameConversation',
      { id: project1, name: 'Big Plans' },
      `... on RenameConversationPayload { ${CONVERSATION} }`,
    );
    expect(result).toMatchObject({
      __typename: 'RenameConversationPayload',
      conversation: { id: project1, name: 'big-plans', previousNames: ['project-1'] },
    });
    const asBob = await gw.graphql(
      'query($id: ID!) { conversation(id: $id) { name } }',
      { id: project1 },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(asBob.body.data).toEqual({ conversation: { name: 'big-plans' } });
  });

  it.each([
    ['a taken name', { id: project1, name: 'random' }, 'NameTakenError', 'name_taken'],
    [
      'a channel the caller is not in',
      { id: project4, name: 'mine' },
      'NotInChannelError',
      'not_in_channel',
    ],
    [
      'a DM',
      { id: C.im, name: 'dm' },
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
    [
      'an invisible private channel',
      { id: C.secret, name: 'mine' },
      'ChannelNotFoundError',
      'channel_not_found',
    ],
    ['an archived channel', { id: C.archived, name: 'revived' }, 'IsArchivedError', 'is_archived'],
    [
      'a name Slack cannot normalise',
      { id: project1, name: 'plans#1' },
      'ValidationError',
      'invalid_name_specials',
    ],
  ])('answers %s with its typed error', async (_what, input, typename, code) => {
    const result = await mutate(gw, 'renameConversation', input, '');
    expect(result).toMatchObject({ __typename: typename, code });
    expect(callsOf(gw, 'conversations.rename')).toBe(1);
  });

  it('answers NotAuthorizedError when neither creator nor admin renames', async () => {
    const result = await mutate(
      gw,
      'renameConversation',
      { id: C.general, name: 'everyone' },
      '',
      SCENARIO_TOKENS.bob,
    );
    expect(result).toMatchObject({ __typename: 'NotAuthorizedError', code: 'not_authorized' });
  });

  it('refuses a blank name before calling Slack', async () => {
    const result = await mutate(
      gw,
      'renameConversation',
      { id: project1, name: '   ' },
      '... on ValidationError { field }',
    );
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      code: 'invalid_name_required',
      field: 'name',
    });
    expect(gw.emulatorCalls().total).toBe(0);
  });
});

describe('archiveConversation and unarchiveConversation', () => {
  it('archives a channel: the payload and every later list see it archived', async () => {
    const result = await mutate(
      gw,
      'archiveConversation',
      { id: project1 },
      '... on ArchiveConversationPayload { conversation { id isArchived } }',
    );
    expect(result).toEqual({
      __typename: 'ArchiveConversationPayload',
      conversation: { id: project1, isArchived: true },
    });
    const list = await gw.graphql<{ conversations: { edges: { node: { id: string } }[] } }>(
      '{ conversations(excludeArchived: true, first: 100) { edges { node { id } } } }',
      {},
      { token: SCENARIO_TOKENS.bob },
    );
    const ids = list.body.data?.conversations.edges.map((edge) => edge.node.id);
    expect(ids).not.toContain(project1);
    expect(ids).toContain(C.general);
  });

  it.each([
    ['an archived channel', C.archived, 'AlreadyArchivedError', 'already_archived'],
    ['#general', C.general, 'CantArchiveGeneralError', 'cant_archive_general'],
    ['a channel the caller is not in', project4, 'NotInChannelError', 'not_in_channel'],
    ['an invisible private channel', C.secret, 'ChannelNotFoundError', 'channel_not_found'],
    ['an unknown ID', 'C0NOSUCHID', 'ChannelNotFoundError', 'channel_not_found'],
    [
      'a DM',
      C.im,
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
  ])('archiving %s (%s) answers its typed error %s', async (_what, id, typename, code) => {
    const result = await mutate(gw, 'archiveConversation', { id }, '');
    expect(result).toMatchObject({ __typename: typename, code });
  });

  it('unarchives a channel and makes the caller a member', async () => {
    const result = await mutate(
      gw,
      'unarchiveConversation',
      { id: C.archived },
      '... on UnarchiveConversationPayload { conversation { isArchived isMember } }',
    );
    expect(result).toMatchObject({ conversation: { isArchived: false, isMember: true } });
  });

  it('answers NotArchivedError, and SlackError with the code for what has no own type', async () => {
    const notArchived = await mutate(gw, 'unarchiveConversation', { id: C.general }, '');
    expect(notArchived).toMatchObject({ __typename: 'NotArchivedError', code: 'not_archived' });
    const asBot = await mutate(
      gw,
      'unarchiveConversation',
      { id: C.archived },
      '',
      SCENARIO_TOKENS.bot,
    );
    expect(asBot).toMatchObject({ __typename: 'SlackError', code: 'not_allowed_token_type' });
  });
});

describe('setConversationTopic and setConversationPurpose', () => {
  it('sets a topic that the rest of the same operation and later operations see', async () => {
    const query = `mutation($id: ID!) {
      first: setConversationTopic(input: { id: $id, topic: "one" }) {
        ... on SetConversationTopicPayload {
          query {
            conversation(id: $id) { topic { value } }
            conversations(first: 100) { edges { node { id topic { value } } } }
          }
        }
      }
      second: setConversationTopic(input: { id: $id, topic: "two" }) {
        ... on SetConversationTopicPayload {
          conversation { topic { value creator { id } } }
          query {
            conversation(id: $id) { topic { value } }
            conversations(first: 100) { edges { node { id topic { value } } } }
          }
        }
      }
    }`;
    const { body } = await gw.graphql<{
      first: { query: { conversation: { topic: { value: string } } } };
      second: {
        conversation: { topic: { value: string; creator: { id: string } } };
        query: {
          conversation: { topic: { value: string } };
          conversations: { edges: { node: { id: string; topic: { value: string } } }[] };
        };
      };
    }>(query, { id: C.general });
    expect(body.errors).toBeUndefined();
    expect(body.data?.first.query.conversation.topic.value).toBe('one');
    const second = body.data?.second;
    expect(second?.conversation.topic).toEqual({ value: 'two', creator: { id: U.alice } });
    expect(second?.query.conversation.topic.value).toBe('two');
    const general = second?.query.conversations.edges.find((edge) => edge.node.id === C.general);
    expect(general?.node.topic.value).toBe('two');

    const later = await gw.graphql(
      'query($id: ID!) { conversation(id: $id) { topic { value } } }',
      { id: C.general },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(later.body.data).toEqual({ conversation: { topic: { value: 'two' } } });
  });

  it('sends every write of an operation, even identical ones', async () => {
    const query = `mutation($id: ID!) {
      a: setConversationPurpose(input: { id: $id, purpose: "x" }) { __typename }
      b: setConversationPurpose(input: { id: $id, purpose: "y" }) { __typename }
      c: setConversationPurpose(input: { id: $id, purpose: "x" }) {
        ... on SetConversationPurposePayload { conversation { purpose { value } } }
      }
    }`;
    const { body } = await gw.graphql(query, { id: C.random });
    expect(body.data?.c).toEqual({ conversation: { purpose: { value: 'x' } } });
    expect(callsOf(gw, 'conversations.setPurpose')).toBe(3);
    const purposes = (await emulatorHistory(gw, C.random)).filter(
      (m) => m.subtype === 'channel_purpose',
    );
    expect(purposes.map((m) => m.purpose)).toEqual(['x', 'y', 'x']);
  });

  it.each([
    ['', 'invalid_arguments'],
    ['t'.repeat(251), 'too_long'],
  ])('refuses the topic %j with ValidationError %s before calling Slack', async (topic, code) => {
    const result = await mutate(
      gw,
      'setConversationTopic',
      { id: C.general, topic },
      '... on ValidationError { field }',
    );
    expect(result).toMatchObject({ __typename: 'ValidationError', code, field: 'topic' });
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('accepts a topic of exactly 250 characters', async () => {
    const topic = 'é'.repeat(250);
    const result = await mutate(
      gw,
      'setConversationTopic',
      { id: C.general, topic },
      '... on SetConversationTopicPayload { conversation { topic { value } } }',
    );
    expect(result).toMatchObject({ conversation: { topic: { value: topic } } });
  });

  it.each([
    ['a channel the caller is not in', project4, 'NotInChannelError', 'not_in_channel'],
    ['an archived channel', C.archived, 'IsArchivedError', 'is_archived'],
    [
      'a 1:1 DM',
      C.im,
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
    ['an invisible private channel', C.secret, 'ChannelNotFoundError', 'channel_not_found'],
  ])(
    'setting the purpose of %s (%s) answers its typed error %s',
    async (_what, id, typename, code) => {
      const result = await mutate(gw, 'setConversationPurpose', { id, purpose: 'p' }, '');
      expect(result).toMatchObject({ __typename: typename, code });
    },
  );
});
