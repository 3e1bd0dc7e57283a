import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { callsOf, emulatorHistory, mutate, topLevelCode } from '../helpers/mutations.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;
const [project1 = '', , , project4 = ''] = C.extra;

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
});
afterEach(async () => {
  await gw.close();
});

/** Member IDs of a conversation as `token` reads them through the gateway. */
async function memberIds(id: string, token: string = SCENARIO_TOKENS.alice): Promise<string[]> {
  const { body } = await gw.graphql<{
    conversation: { members: { edges: { node: { id: string } }[] } };
  }>(
    'query($id: ID!) { conversation(id: $id) { members(first: 100) { edges { node { id } } } } }',
    { id },
    { token },
  );
  return body.data?.conversation.members.edges.map((edge) => edge.node.id) ?? [];
}

describe('joinConversation', () => {
  it('joins a public channel; the payload, later reads and other tokens see the new member', async () => {
    const result = await mutate(
      gw,
      'joinConversation',
      { id: project4 },
      '... on JoinConversationPayload { alreadyInChannel conversation { id isMember } }',
    );
    expect(result).toEqual({
      __typename: 'JoinConversationPayload',
      alreadyInChannel: false,
      conversation: { id: project4, isMember: true },
    });
    expect(await memberIds(project4, SCENARIO_TOKENS.bob)).toContain(U.alice);
    const mine = await gw.graphql<{
      viewer: { conversations: { edges: { node: { id: string } }[] } };
    }>('{ viewer { conversations(first: 100) { edges { node { id } } } } }');
    expect(mine.body.data?.viewer.conversations.edges.map((e) => e.node.id)).toContain(project4);
  });

  it("reports Slack's already_in_channel warning as alreadyInChannel", async () => {
    const result = await mutate(
      gw,
      'joinConversation',
      { id: C.general },
      '... on JoinConversationPayload { alreadyInChannel }',
    );
    expect(result).toEqual({ __typename: 'JoinConversationPayload', alreadyInChannel: true });
  });

  it.each([
    ['an archived channel', C.archived, 'IsArchivedError', 'is_archived'],
    ['an invisible private channel', C.secret, 'ChannelNotFoundError', 'channel_not_found'],
    [
      'a DM',
      C.im,
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
  ])('joining %s (%s) answers %s', async (_what, id, typename, code) => {
    expect(await mutate(gw, 'joinConversation', { id }, '')).toMatchObject({
      __typename: typename,
      code,
    });
  });
});

describe('leaveConversation', () => {
  it('leaves a channel; leaving again is notInChannel, not an error', async () => {
    const first = await mutate(
      gw,
      'leaveConversation',
      { id: C.random },
      '... on LeaveConversationPayload { notInChannel conversation { isMember } }',
    );
    expect(first).toEqual({
      __typename: 'LeaveConversationPayload',
      notInChannel: false,
      conversation: { isMember: false },
    });
    expect(await memberIds(C.random, SCENARIO_TOKENS.bob)).not.toContain(U.alice);
    const again = await mutate(
      gw,
      'leaveConversation',
      { id: C.random },
      '... on LeaveConversationPayload { notInChannel }',
    );
    expect(again).toEqual({ __typename: 'LeaveConversationPayload', notInChannel: true });
  });

  it('returns a null conversation after leaving a private channel, which is then not found', async () => {
    const result = await mutate(
      gw,
      'leaveConversation',
      { id: C.private },
      '... on LeaveConversationPayload { conversation { id } }',
    );
    expect(result).toEqual({ __typename: 'LeaveConversationPayload', conversation: null });
    const later = await gw.graphql('query($id: ID!) { conversation(id: $id) { id } }', {
      id: C.private,
    });
    expect(later.body.data).toEqual({ conversation: null });
    expect(topLevelCode(later.body)).toBe('CHANNEL_NOT_FOUND');
  });

  it.each([
    ['#general', C.general, 'CantLeaveGeneralError', 'cant_leave_general'],
    ['an archived channel', C.archived, 'IsArchivedError', 'is_archived'],
    [
      'a channel of which the caller is the last member',
      project1,
      'LastMemberError',
      'last_member',
    ],
    [
      'a 1:1 DM',
      C.im,
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
    ['an unknown ID', 'C0NOSUCHID', 'ChannelNotFoundError', 'channel_not_found'],
  ])('leaving %s (%s) answers %s', async (_what, id, typename, code) => {
    expect(await mutate(gw, 'leaveConversation', { id }, '')).toMatchObject({
      __typename: typename,
      code,
    });
  });
});

describe('inviteToConversation', () => {
  const INVITE =
    '... on InviteToConversationPayload { failures { code user { id } } conversation { id } }';

  it('adds users that every later read sees', async () => {
    const result = await mutate(
      gw,
      'inviteToConversation',
      { id: project1, users: [U.bob, U.carol] },
      INVITE,
    );
    expect(result).toEqual({
      __typename: 'InviteToConversationPayload',
      failures: [],
      conversation: { id: project1 },
    });
    expect(await memberIds(project1, SCENARIO_TOKENS.bob)).toEqual(
      expect.arrayContaining([U.alice, U.bob, U.carol]),
    );
  });

  it('adds the others and lists users already in the channel as failures', async () => {
    const result = await mutate(
      gw,
      'inviteToConversation',
      { id: C.random, users: [U.bob, U.carol] },
      INVITE,
    );
    expect(result).toMatchObject({
      failures: [{ code: 'already_in_channel', user: { id: U.bob } }],
    });
    expect(await memberIds(C.random)).toContain(U.carol);
  });

  it('answers AlreadyInChannelError with per-user failures when nobody could be added', async () => {
    const result = await mutate(
      gw,
      'inviteToConversation',
      { id: C.general, users: [U.bob] },
      '... on AlreadyInChannelError { failures { code user { id } } }',
    );
    expect(result).toMatchObject({
      __typename: 'AlreadyInChannelError',
      code: 'already_in_channel',
      failures: [{ code: 'already_in_channel', user: { id: U.bob } }],
    });
  });

  it.each([
    ['the caller', [U.alice], 'CantInviteSelfError', 'cant_invite_self'],
    ['an unknown user', ['U0NOSUCHUSER'], 'UserNotFoundError', 'user_not_found'],
    ['a deactivated user', [U.dave], 'CantInviteError', 'cant_invite'],
  ])('inviting %s answers %s and adds nobody', async (_what, users, typename, code) => {
    const result = await mutate(
      gw,
      'inviteToConversation',
      { id: project1, users: [U.carol, ...users] },
      '',
    );
    expect(result).toMatchObject({ __typename: typename, code });
    expect(await memberIds(project1)).toEqual([U.alice]);
  });

  it('adds the valid users with force and lists the rest', async () => {
    const result = await mutate(
      gw,
      'inviteToConversation',
      { id: project1, users: [U.carol, 'U0NOSUCHUSER'], force: true },
      INVITE,
    );
    expect(result).toMatchObject({
      failures: [{ code: 'user_not_found', user: { id: 'U0NOSUCHUSER' } }],
    });
    expect(await memberIds(project1)).toEqual([U.alice, U.carol]);
  });

  it('refuses an empty user list before calling Slack', async () => {
    const result = await mutate(
      gw,
      'inviteToConversation',
      { id: project1, users: [] },
      '... on ValidationError { field }',
    );
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      code: 'no_user',
      field: 'users',
    });
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it.each([
    ['a channel the caller is not in', project4, 'NotInChannelError', 'not_in_channel'],
    [
      'a DM',
      C.im,
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
    ['an archived channel', C.archived, 'IsArchivedError', 'is_archived'],
  ])('inviting to %s (%s) answers %s', async (_what, id, typename, code) => {
    expect(await mutate(gw, 'inviteToConversation', { id, users: [U.carol] }, '')).toMatchObject({
      __typename: typename,
      code,
    });
  });
});

describe('kickFromConversation', () => {
  it('removes a member for every later read', async () => {
    const result = await mutate(
      gw,
      'kickFromConversation',
      { id: C.random, user: U.bob },
      '... on KickFromConversationPayload { conversation { id } }',
    );
    expect(result).toEqual({
      __typename: 'KickFromConversationPayload',
      conversation: { id: C.random },
    });
    expect(await memberIds(C.random)).toEqual([U.alice]);
    const asBob = await gw.graphql(
      'query($id: ID!) { conversation(id: $id) { isMember } }',
      { id: C.random },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(asBob.body.data).toEqual({ conversation: { isMember: false } });
  });

  it.each([
    ['the caller', C.random, U.alice, 'CantKickSelfError', 'cant_kick_self'],
    [
      'anyone from #general',
      C.general,
      U.bob,
      'CantKickFromGeneralError',
      'cant_kick_from_general',
    ],
    ['a non-member', C.random, U.carol, 'NotInChannelError', 'not_in_channel'],
    ['an unknown user', C.random, 'U0NOSUCHUSER', 'UserNotFoundError', 'user_not_found'],
    [
      'anyone from a DM',
      C.im,
      U.bob,
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
  ])('kicking %s (%s, %s) answers %s', async (_what, id, user, typename, code) => {
    expect(await mutate(gw, 'kickFromConversation', { id, user }, '')).toMatchObject({
      __typename: typename,
      code,
    });
  });
});

describe('openConversation and closeConversation', () => {
  const OPEN =
    '... on OpenConversationPayload { alreadyOpen conversation { id type isOpen user { id } } }';

  it('opens the existing DM for a user, already open', async () => {
    const result = await mutate(gw, 'openConversation', { users: [U.bob] }, OPEN);
    expect(result).toEqual({
      __typename: 'OpenConversationPayload',
      alreadyOpen: true,
      conversation: { id: C.im, type: 'IM', isOpen: true, user: { id: U.bob } },
    });
    expect(callsOf(gw, 'conversations.info')).toBe(0);
  });

  it('starts a new DM that the caller lists and other users cannot see', async () => {
    const result = await mutate(gw, 'openConversation', { users: [U.carol] }, OPEN);
    expect(result).toMatchObject({
      alreadyOpen: false,
      conversation: { type: 'IM', isOpen: true, user: { id: U.carol } },
    });
    const id = (result.conversation as { id: string }).id;
    expect(id).toMatch(/^D/);
    const again = await mutate(gw, 'openConversation', { users: [U.carol, U.alice] }, OPEN);
    expect(again).toMatchObject({ alreadyOpen: true, conversation: { id } });
    const mine = await gw.graphql<{
      viewer: { conversations: { edges: { node: { id: string } }[] } };
    }>('{ viewer { conversations(types: [IM], first: 100) { edges { node { id } } } } }');
    expect(mine.body.data?.viewer.conversations.edges.map((e) => e.node.id)).toContain(id);
    const asBob = await gw.graphql(
      'query($id: ID!) { conversation(id: $id) { id } }',
      { id },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(topLevelCode(asBob.body)).toBe('CHANNEL_NOT_FOUND');
  });

  it('finds the group DM of the same users, and reads it when returnIm is false', async () => {
    const result = await mutate(
      gw,
      'openConversation',
      { users: [U.carol, U.bob], returnIm: false },
      '... on OpenConversationPayload { conversation { id type } }',
    );
    expect(result).toMatchObject({ conversation: { id: C.mpim, type: 'MPIM' } });
    expect(callsOf(gw, 'conversations.info')).toBe(1);
  });

  it.each([
    ['no users', { users: [] }, 'users_list_not_supplied'],
    ['blank IDs only', { users: [' ', ''] }, 'users_list_not_supplied'],
    [
      'ten users',
      { users: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'U10'] },
      'too_many_users',
    ],
  ])('refuses %s before calling Slack', async (_what, input, code) => {
    const result = await mutate(gw, 'openConversation', input, '... on ValidationError { field }');
    expect(result).toMatchObject({ __typename: 'ValidationError', code, field: 'users' });
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it.each([
    ['only the caller', { users: [U.alice] }, 'ValidationError', 'not_enough_users'],
    ['an unknown user', { users: ['U0NOSUCHUSER'] }, 'UserNotFoundError', 'user_not_found'],
    ['a deactivated user', { users: [U.dave] }, 'UserDisabledError', 'user_disabled'],
    [
      'a channel',
      { channel: C.general },
      'MethodNotSupportedForChannelTypeError',
      'method_not_supported_for_channel_type',
    ],
    ['an unknown DM', { channel: 'D0NOSUCHDM' }, 'ChannelNotFoundError', 'channel_not_found'],
  ])('opening %s answers %s from Slack', async (_what, input, typename, code) => {
    expect(await mutate(gw, 'openConversation', input, '')).toMatchObject({
      __typename: typename,
      code,
    });
  });

  it('closes a DM for the caller; closing again is alreadyClosed', async () => {
    const CLOSE = '... on CloseConversationPayload { alreadyClosed conversation { isOpen } }';
    expect(await mutate(gw, 'closeConversation', { id: C.im }, CLOSE)).toEqual({
      __typename: 'CloseConversationPayload',
      alreadyClosed: false,
      conversation: { isOpen: false },
    });
    expect(await mutate(gw, 'closeConversation', { id: C.im }, CLOSE)).toMatchObject({
      alreadyClosed: true,
    });
    const reopened = await mutate(gw, 'openConversation', { channel: C.im }, OPEN);
    expect(reopened).toMatchObject({
      alreadyOpen: false,
      conversation: { id: C.im, isOpen: true },
    });
  });

  it('answers MethodNotSupportedForChannelTypeError for closing a channel', async () => {
    expect(await mutate(gw, 'closeConversation', { id: C.general }, '')).toMatchObject({
      __typename: 'MethodNotSupportedForChannelTypeError',
    });
  });
});

describe('markConversation', () => {
  it("moves the caller's read cursor, as the payload and later reads show", async () => {
    const [newest] = await emulatorHistory(gw, C.im);
    const result = await mutate(
      gw,
      'markConversation',
      { id: C.im, ts: newest?.ts },
      '... on MarkConversationPayload { conversation { lastRead unreadCount } }',
    );
    expect(result).toEqual({
      __typename: 'MarkConversationPayload',
      conversation: { lastRead: newest?.ts, unreadCount: 0 },
    });
    const back = await mutate(
      gw,
      'markConversation',
      { id: C.im, ts: '1700000800.0001' },
      '... on MarkConversationPayload { conversation { lastRead unreadCount } }',
    );
    expect(back).toMatchObject({ conversation: { lastRead: '1700000800.000100', unreadCount: 2 } });
  });

  it.each([
    ['a malformed ts', { id: C.im, ts: 'yesterday' }, 'ValidationError', 'invalid_timestamp'],
    ['an empty ts', { id: C.im, ts: '' }, 'ValidationError', 'invalid_arguments'],
    [
      'a channel the caller is not in',
      { id: project4, ts: '1700000800.000100' },
      'NotInChannelError',
      'not_in_channel',
    ],
    [
      'an unknown ID',
      { id: 'C0NOSUCHID', ts: '1700000800.000100' },
      'ChannelNotFoundError',
      'channel_not_found',
    ],
  ])('marking with %s answers %s from Slack', async (_what, input, typename, code) => {
    const result = await mutate(gw, 'markConversation', input, '... on ValidationError { field }');
    expect(result).toMatchObject({ __typename: typename, code });
    if (typename === 'ValidationError') expect(result.field).toBe('ts');
  });
});
