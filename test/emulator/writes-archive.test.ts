import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { newMessages, PINNED_MS, writeHarness } from '../helpers/call-method.js';

const { alice, bob } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;

describe('conversations.archive', () => {
  it('archives a channel, keeps its members and posts channel_archive', () => {
    const h = writeHarness();
    expect(h.call('conversations.archive', T.bob, { channel: C.random })).toEqual({ ok: true });
    const stored = h.conversation(C.random);
    expect(stored.data.is_archived).toBe(true);
    expect(stored.data.updated).toBe(PINNED_MS);
    expect(stored.data.members).toEqual([alice, bob]);
    expect(newMessages(stored)).toEqual([
      {
        type: 'message',
        subtype: 'channel_archive',
        ts: '1800000000.000000',
        user: bob,
        text: `<@${bob}> archived the channel`,
      },
    ]);
  });

  it('refuses an org-mandatory channel with cant_archive_required, changing nothing', () => {
    const h = writeHarness();
    h.conversation(C.random).data.is_org_mandatory = true;
    expect(h.call('conversations.archive', T.bob, { channel: C.random })).toEqual({
      ok: false,
      error: 'cant_archive_required',
    });
    expect(h.conversation(C.random).data.is_archived).toBe(false);
    expect(newMessages(h.conversation(C.random))).toEqual([]);
  });

  it('lets a bot archive a private channel it belongs to', () => {
    const h = writeHarness();
    expect(h.call('conversations.archive', T.bot, { channel: C.private }).ok).toBe(true);
  });

  it('answers errors in order: existence, scope, type, general, membership, state', () => {
    const h = writeHarness();
    const archive = (token: string, channel?: string) =>
      h.call('conversations.archive', token, { channel }).error;
    expect(archive(T.alice)).toBe('channel_not_found');
    expect(archive(T.alice, C.secret)).toBe('channel_not_found');
    expect(archive(T.readOnly, C.random)).toBe('missing_scope');
    expect(archive(T.alice, C.im)).toBe('method_not_supported_for_channel_type');
    expect(archive(T.alice, C.mpim)).toBe('method_not_supported_for_channel_type');
    expect(archive(T.alice, C.general)).toBe('cant_archive_general');
    expect(archive(T.bob, C.extra[0])).toBe('not_in_channel');
    expect(archive(T.alice, C.archived)).toBe('already_archived');
    expect(newMessages(h.conversation(C.archived))).toEqual([]);
  });
});

describe('conversations.unarchive', () => {
  it('unarchives, adds the caller and posts channel_unarchive', () => {
    const h = writeHarness();
    expect(h.call('conversations.unarchive', T.bob, { channel: C.archived })).toEqual({ ok: true });
    const stored = h.conversation(C.archived);
    expect(stored.data.is_archived).toBe(false);
    expect(stored.data.members).toEqual([alice, bob]);
    expect(stored.data.updated).toBe(PINNED_MS);
    expect(newMessages(stored)).toMatchObject([
      { subtype: 'channel_unarchive', user: bob, text: `<@${bob}> un-archived the channel` },
    ]);
  });

  it('round-trips with archive', () => {
    const h = writeHarness();
    h.call('conversations.archive', T.bob, { channel: C.random });
    expect(h.call('conversations.unarchive', T.alice, { channel: C.random }).ok).toBe(true);
    expect(newMessages(h.conversation(C.random)).map((m) => m.subtype)).toEqual([
      'channel_archive',
      'channel_unarchive',
    ]);
  });

  it('refuses bot tokens, as Slack documents, with not_allowed_token_type', () => {
    const h = writeHarness();
    h.call('conversations.archive', T.bot, { channel: C.private });
    expect(h.call('conversations.unarchive', T.bot, { channel: C.private }).error).toBe(
      'not_allowed_token_type',
    );
    expect(h.conversation(C.private).data.is_archived).toBe(true);
  });

  it('answers channel_not_found, missing_scope, wrong type and not_archived', () => {
    const h = writeHarness();
    const unarchive = (token: string, channel: string) =>
      h.call('conversations.unarchive', token, { channel }).error;
    expect(unarchive(T.alice, 'C0NOPE')).toBe('channel_not_found');
    expect(unarchive(T.readOnly, C.archived)).toBe('missing_scope');
    expect(unarchive(T.alice, C.im)).toBe('method_not_supported_for_channel_type');
    expect(unarchive(T.alice, C.random)).toBe('not_archived');
  });
});
