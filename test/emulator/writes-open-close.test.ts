import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { PINNED_MS, writeHarness } from '../helpers/call-method.js';

const { alice, bob, carol, dave, erin, bot } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;

describe('conversations.open', () => {
  it('returns the existing DM for one user as { channel: { id } }, already open', () => {
    const h = writeHarness();
    expect(h.call('conversations.open', T.alice, { users: bob })).toEqual({
      ok: true,
      no_op: true,
      already_open: true,
      channel: { id: C.im },
    });
  });

  it('creates a DM with a D ID, open for the caller only, and finds it again', () => {
    const h = writeHarness();
    const first = h.call('conversations.open', T.bob, { users: carol });
    expect(first).toEqual({ ok: true, channel: { id: expect.stringMatching(/^D[A-Z0-9]{10}$/) } });
    const id = (first.channel as { id: string }).id;
    const stored = h.conversation(id);
    expect(stored.data).toMatchObject({
      is_im: true,
      members: [bob, carol],
      created: PINNED_MS / 1000,
    });
    expect([...stored.openFor]).toEqual([bob]);
    expect(h.call('conversations.open', T.bob, { users: carol })).toMatchObject({
      no_op: true,
      already_open: true,
      channel: { id },
    });
    const fromCarol = h.call('conversations.open', T.withEmail, { users: bob });
    expect(fromCarol).toEqual({ ok: true, channel: { id } });
    expect([...stored.openFor]).toEqual([bob, carol]);
  });

  it('returns the full IM object with return_im', () => {
    const h = writeHarness();
    const body = h.call('conversations.open', T.alice, { users: bob, return_im: true });
    expect(body).toMatchObject({
      ok: true,
      no_op: true,
      already_open: true,
      channel: {
        id: C.im,
        is_im: true,
        user: bob,
        is_open: true,
        last_read: '0000000000.000000',
        unread_count: 3,
        priority: 0,
      },
    });
  });

  it('creates a group DM named mpdm-…-1 in the given order with Slack’s flags', () => {
    const h = writeHarness();
    const body = h.call('conversations.open', T.bob, { users: `${carol},${bot}`, return_im: true });
    expect(body).toMatchObject({
      ok: true,
      channel: {
        id: expect.stringMatching(/^C/),
        name: 'mpdm-bob--carol--scenario-bot-1',
        is_mpim: true,
        is_private: true,
        is_group: false,
        is_im: false,
        is_open: true,
        is_member: true,
        creator: bob,
        purpose: { value: 'Group messaging with: @bob @carol @scenario-bot', creator: bob },
      },
    });
    expect(body).not.toHaveProperty('no_op');
    const again = h.call('conversations.open', T.bot, { users: `${carol},${bob}` });
    expect(again.channel).toEqual({ id: (body.channel as { id: string }).id });
  });

  it('finds the existing group DM for the same set of users in any order', () => {
    const h = writeHarness();
    expect(h.call('conversations.open', T.bob, { users: `${carol},${alice}` })).toMatchObject({
      channel: { id: C.mpim },
    });
  });

  it('resumes by channel, and closing then reopening clears the no_op flags', () => {
    const h = writeHarness();
    expect(h.call('conversations.close', T.alice, { channel: C.im })).toEqual({ ok: true });
    expect(h.call('conversations.open', T.alice, { channel: C.im })).toEqual({
      ok: true,
      channel: { id: C.im },
    });
    expect(h.conversation(C.im).openFor.has(alice)).toBe(true);
  });

  it('only looks up with prevent_creation', () => {
    const h = writeHarness();
    const before = h.state.conversationOrder.length;
    expect(h.call('conversations.open', T.bob, { users: carol, prevent_creation: true })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    expect(h.state.conversationOrder.length).toBe(before);
    h.call('conversations.close', T.alice, { channel: C.im });
    expect(h.call('conversations.open', T.alice, { users: bob, prevent_creation: true })).toEqual({
      ok: true,
      channel: { id: C.im },
    });
    expect(h.conversation(C.im).openFor.has(alice)).toBe(false);
  });

  it('answers the documented errors', () => {
    const h = writeHarness();
    const open = (args: Record<string, unknown>, token: string = T.alice) =>
      h.call('conversations.open', token, args).error;
    expect(open({})).toBe('users_list_not_supplied');
    expect(open({ users: ' , ' })).toBe('users_list_not_supplied');
    expect(open({ users: alice })).toBe('not_enough_users');
    expect(open({ users: bob }, T.readOnly)).toBe('missing_scope');
    const nine = [bob, carol, bot, 'U01', 'U02', 'U03', 'U04', 'U05', 'U06'].join(',');
    expect(open({ users: nine })).toBe('too_many_users');
    expect(open({ users: 'U0NOBODY' })).toBe('user_not_found');
    expect(open({ users: `${bob},${dave}` })).toBe('user_disabled');
    expect(open({ channel: C.random })).toBe('method_not_supported_for_channel_type');
    expect(open({ channel: 'D0NOPE' })).toBe('channel_not_found');
    expect(open({ channel: C.im }, T.bot)).toBe('channel_not_found');
    expect(open({ users: erin })).toBeUndefined();
  });

  it('asks for im:write for one user and mpim:write for several', () => {
    const h = writeHarness();
    h.state.tokens.set('xoxp-im', { token: 'xoxp-im', user_id: alice, scopes: ['im:write'] });
    expect(h.call('conversations.open', 'xoxp-im', { users: bob }).ok).toBe(true);
    expect(h.call('conversations.open', 'xoxp-im', { users: `${bob},${carol}` })).toMatchObject({
      error: 'missing_scope',
      needed: 'mpim:write',
    });
  });
});

describe('conversations.close', () => {
  it('closes for the caller only and answers no_op/already_closed the second time', () => {
    const h = writeHarness();
    expect(h.call('conversations.close', T.alice, { channel: C.mpim })).toEqual({ ok: true });
    const stored = h.conversation(C.mpim);
    expect(stored.openFor.has(alice)).toBe(false);
    expect(stored.openFor.has(bob)).toBe(true);
    expect(stored.data.members).toContain(alice);
    expect(h.call('conversations.close', T.alice, { channel: C.mpim })).toEqual({
      ok: true,
      no_op: true,
      already_closed: true,
    });
  });

  it('answers the documented errors', () => {
    const h = writeHarness();
    const close = (token: string, channel: string) =>
      h.call('conversations.close', token, { channel }).error;
    expect(close(T.alice, C.random)).toBe('method_not_supported_for_channel_type');
    expect(close(T.bob, C.imBot)).toBe('channel_not_found');
    expect(close(T.readOnly, C.random)).toBe('missing_scope');
  });
});
