import { describe, expect, it } from 'vitest';
import { addMember } from '../../src/emulator/methods/write-guards.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { newMessages, writeHarness } from '../helpers/call-method.js';

const { alice, bob, carol, dave, erin, bot } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;
const [project1 = '', , , project4 = ''] = C.extra;

describe('conversations.join', () => {
  it('joins a public channel, posts channel_join and marks it read up to the join', () => {
    const h = writeHarness();
    const body = h.call('conversations.join', T.bob, { channel: project1 });
    const stored = h.conversation(project1);
    const [joined] = newMessages(stored);
    expect(joined).toEqual({
      type: 'message',
      subtype: 'channel_join',
      ts: '1800000000.000000',
      user: bob,
      text: `<@${bob}> has joined the channel`,
    });
    expect(body).toMatchObject({
      ok: true,
      channel: { id: project1, is_member: true, last_read: joined?.ts, unread_count: 0 },
    });
    expect(body).not.toHaveProperty('warning');
    expect(stored.data.members).toEqual([alice, bob]);
  });

  it('lets a bot join with channels:join', () => {
    const h = writeHarness();
    expect(h.call('conversations.join', T.bot, { channel: C.random }).ok).toBe(true);
  });

  it('answers ok with the already_in_channel warning for members, posting nothing', () => {
    const h = writeHarness();
    const body = h.call('conversations.join', T.alice, { channel: C.general });
    expect(body).toMatchObject({
      ok: true,
      warning: 'already_in_channel',
      channel: { id: C.general },
    });
    expect(newMessages(h.conversation(C.general))).toEqual([]);
  });

  it('answers channel_not_found for private channels, and the documented errors otherwise', () => {
    const h = writeHarness();
    const join = (token: string, channel: string) =>
      h.call('conversations.join', token, { channel }).error;
    expect(join(T.alice, C.secret)).toBe('channel_not_found');
    expect(join(T.alice, 'C0NOPE')).toBe('channel_not_found');
    expect(join(T.readOnly, C.random)).toBe('missing_scope');
    expect(join(T.alice, C.im)).toBe('method_not_supported_for_channel_type');
    expect(join(T.alice, C.mpim)).toBe('method_not_supported_for_channel_type');
    expect(join(T.bob, C.archived)).toBe('is_archived');
  });

  it('asks a bot without channels:join for channels:join', () => {
    const h = writeHarness();
    h.state.tokens.get(T.bot)?.scopes.splice(0);
    expect(h.call('conversations.join', T.bot, { channel: C.random })).toMatchObject({
      error: 'missing_scope',
      needed: 'channels:join',
    });
  });
});

describe('conversations.leave', () => {
  it('leaves, posts channel_leave and forgets the read cursor', () => {
    const h = writeHarness();
    h.call('conversations.mark', T.bob, { channel: C.random, ts: '1700000120.000100' });
    expect(h.call('conversations.leave', T.bob, { channel: C.random })).toEqual({ ok: true });
    const stored = h.conversation(C.random);
    expect(stored.data.members).toEqual([alice]);
    expect(stored.lastRead.has(bob)).toBe(false);
    expect(newMessages(stored)).toEqual([
      {
        type: 'message',
        subtype: 'channel_leave',
        ts: '1800000000.000000',
        user: bob,
        text: `<@${bob}> has left the channel`,
      },
    ]);
  });

  it('answers ok with not_in_channel: true for a non-member, changing nothing', () => {
    const h = writeHarness();
    expect(h.call('conversations.leave', T.bob, { channel: project1 })).toEqual({
      ok: true,
      not_in_channel: true,
    });
    expect(newMessages(h.conversation(project1))).toEqual([]);
  });

  it('lets a member leave a group DM', () => {
    const h = writeHarness();
    expect(h.call('conversations.leave', T.bob, { channel: C.mpim }).ok).toBe(true);
    expect(h.conversation(C.mpim).data.members).toEqual([alice, carol]);
  });

  it('answers the documented errors', () => {
    const h = writeHarness();
    const leave = (token: string, channel: string) =>
      h.call('conversations.leave', token, { channel }).error;
    expect(leave(T.alice, C.secret)).toBe('channel_not_found');
    expect(leave(T.readOnly, C.random)).toBe('missing_scope');
    expect(leave(T.alice, C.im)).toBe('method_not_supported_for_channel_type');
    expect(leave(T.alice, C.general)).toBe('cant_leave_general');
    expect(leave(T.alice, C.archived)).toBe('is_archived');
    expect(leave(T.bob, C.secret)).toBe('last_member');
    expect(h.conversation(C.secret).data.members).toEqual([bob]);
  });

  it('refuses guests with user_is_restricted', () => {
    const h = writeHarness();
    h.state.tokens.set('xoxp-erin', {
      token: 'xoxp-erin',
      user_id: erin,
      scopes: ['channels:write'],
    });
    addMember(h.conversation(C.random), erin);
    expect(h.call('conversations.leave', 'xoxp-erin', { channel: C.random }).error).toBe(
      'user_is_restricted',
    );
  });
});

describe('conversations.kick', () => {
  it('removes the user, posts channel_leave for them and answers the empty errors object', () => {
    const h = writeHarness();
    expect(h.call('conversations.kick', T.bob, { channel: C.random, user: alice })).toEqual({
      ok: true,
      errors: {},
    });
    const stored = h.conversation(C.random);
    expect(stored.data.members).toEqual([bob]);
    expect(newMessages(stored)).toMatchObject([{ subtype: 'channel_leave', user: alice }]);
  });

  it('lets a bot kick from a private channel with groups:write', () => {
    const h = writeHarness();
    expect(h.call('conversations.kick', T.bot, { channel: C.private, user: alice }).ok).toBe(true);
  });

  it('answers the documented errors in order', () => {
    const h = writeHarness();
    const kick = (token: string, channel: string, user?: string) =>
      h.call('conversations.kick', token, { channel, user }).error;
    expect(kick(T.alice, C.secret, bob)).toBe('channel_not_found');
    expect(kick(T.readOnly, C.random, bob)).toBe('missing_scope');
    expect(kick(T.alice, C.im, bob)).toBe('method_not_supported_for_channel_type');
    expect(kick(T.alice, C.random)).toBe('user_not_found');
    expect(kick(T.alice, C.random, 'U0NOBODY')).toBe('user_not_found');
    expect(kick(T.alice, C.random, alice)).toBe('cant_kick_self');
    expect(kick(T.alice, C.general, bob)).toBe('cant_kick_from_general');
    expect(kick(T.alice, C.random, carol)).toBe('not_in_channel');
    expect(kick(T.alice, C.archived, alice)).toBe('cant_kick_self');
    addMember(h.conversation(C.archived), bob);
    expect(kick(T.alice, C.archived, bob)).toBe('is_archived');
  });
});

describe('conversations.invite', () => {
  it('invites users, posting channel_join with inviter for each', () => {
    const h = writeHarness();
    const body = h.call('conversations.invite', T.alice, {
      channel: project1,
      users: `${bob},${carol}`,
    });
    expect(body).toMatchObject({ ok: true, channel: { id: project1, is_member: true } });
    expect(body).not.toHaveProperty('errors');
    const stored = h.conversation(project1);
    expect(stored.data.members).toEqual([alice, bob, carol]);
    expect(newMessages(stored)).toEqual([
      {
        type: 'message',
        subtype: 'channel_join',
        ts: '1800000000.000000',
        user: bob,
        text: `<@${bob}> has joined the channel`,
        inviter: alice,
      },
      {
        type: 'message',
        subtype: 'channel_join',
        ts: '1800000000.000001',
        user: carol,
        text: `<@${carol}> has joined the channel`,
        inviter: alice,
      },
    ]);
  });

  it('accepts users as a JSON array and ignores spaces and duplicates', () => {
    const h = writeHarness();
    expect(
      h.call('conversations.invite', T.alice, { channel: project1, users: [bob, bob] }).ok,
    ).toBe(true);
    expect(
      h.call('conversations.invite', T.alice, { channel: C.extra[1], users: ` ${bob} , ${carol}` })
        .ok,
    ).toBe(true);
    expect(h.conversation(project1).data.members).toEqual([alice, bob]);
  });

  it('invites the new users and lists the already present ones in errors', () => {
    const h = writeHarness();
    const body = h.call('conversations.invite', T.alice, {
      channel: C.random,
      users: `${bob},${carol}`,
    });
    expect(body).toMatchObject({
      ok: true,
      channel: { id: C.random },
      errors: [{ user: bob, ok: false, error: 'already_in_channel' }],
    });
    expect(h.conversation(C.random).data.members).toEqual([alice, bob, carol]);
  });

  it('fails with already_in_channel when everyone is already there', () => {
    const h = writeHarness();
    expect(h.call('conversations.invite', T.alice, { channel: C.random, users: bob })).toEqual({
      ok: false,
      error: 'already_in_channel',
      errors: [{ user: bob, ok: false, error: 'already_in_channel' }],
    });
  });

  it('fails the whole call on an invalid user, as in Slack’s example, inviting nobody', () => {
    const h = writeHarness();
    const body = h.call('conversations.invite', T.alice, {
      channel: project1,
      users: `U0NOBODY,${alice},${bob}`,
    });
    expect(body).toEqual({
      ok: false,
      error: 'user_not_found',
      errors: [
        { user: 'U0NOBODY', ok: false, error: 'user_not_found' },
        { user: alice, ok: false, error: 'cant_invite_self' },
      ],
    });
    expect(h.conversation(project1).data.members).toEqual([alice]);
    expect(newMessages(h.conversation(project1))).toEqual([]);
  });

  it('invites the valid users despite invalid ones with force=true', () => {
    const h = writeHarness();
    const body = h.call('conversations.invite', T.alice, {
      channel: project1,
      users: `U0NOBODY,${dave},${bob}`,
      force: true,
    });
    expect(body).toMatchObject({
      ok: true,
      errors: [
        { user: 'U0NOBODY', ok: false, error: 'user_not_found' },
        { user: dave, ok: false, error: 'cant_invite' },
      ],
    });
    expect(h.conversation(project1).data.members).toEqual([alice, bob]);
    const forcedNobody = h.call('conversations.invite', T.alice, {
      channel: project1,
      users: 'U0NOBODY',
      force: true,
    });
    expect(forcedNobody.error).toBe('user_not_found');
  });

  it('answers the documented errors in order', () => {
    const h = writeHarness();
    const invite = (token: string, channel: string, users?: string) =>
      h.call('conversations.invite', token, { channel, users }).error;
    expect(invite(T.alice, C.secret, carol)).toBe('channel_not_found');
    expect(invite(T.readOnly, C.random, carol)).toBe('missing_scope');
    expect(invite(T.alice, C.im, carol)).toBe('method_not_supported_for_channel_type');
    expect(invite(T.alice, C.mpim, carol)).toBe('method_not_supported_for_channel_type');
    expect(invite(T.alice, C.random)).toBe('no_user');
    const many = Array.from({ length: 101 }, (_, i) => `U0MANY${i}`).join(',');
    expect(invite(T.alice, C.random, many)).toBe('too_many_users');
    expect(invite(T.alice, project4, carol)).toBe('not_in_channel');
    expect(invite(T.alice, C.archived, carol)).toBe('is_archived');
  });

  it('lets a bot invite into a private channel it belongs to', () => {
    const h = writeHarness();
    expect(h.call('conversations.invite', T.bot, { channel: C.private, users: bob }).ok).toBe(true);
    expect(h.conversation(C.private).data.members).toEqual([alice, bot, bob]);
  });
});
