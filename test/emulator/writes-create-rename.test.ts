import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAME_MAX_LENGTH,
  validateChannelName,
} from '../../src/emulator/methods/channel-name-rules.js';
import { SlackApiError } from '../../src/emulator/protocol/slack-api-error.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { newMessages, PINNED_MS, writeHarness } from '../helpers/call-method.js';

const { alice, bob, bot } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;

function nameError(name: string): string | undefined {
  try {
    validateChannelName(name);
    return undefined;
  } catch (error) {
    return error instanceof SlackApiError ? error.code : 'thrown';
  }
}

describe('conversations.create', () => {
  it('returns the new channel shaped like Slack’s example, with the creator as only member', () => {
    const h = writeHarness();
    const body = h.call('conversations.create', T.alice, { name: 'launch-plans' });
    expect(body.ok).toBe(true);
    const channel = body.channel as Record<string, unknown>;
    expect(channel).toMatchObject({
      name: 'launch-plans',
      name_normalized: 'launch-plans',
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: false,
      is_archived: false,
      is_general: false,
      is_member: true,
      creator: alice,
      created: PINNED_MS / 1000,
      updated: PINNED_MS,
      unlinked: 0,
      last_read: '0000000000.000000',
      latest: null,
      unread_count: 0,
      unread_count_display: 0,
      priority: 0,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      previous_names: [],
      context_team_id: SCENARIO_IDS.team,
    });
    expect(channel.id).toMatch(/^C[A-Z0-9]{10}$/);
    expect(channel).not.toHaveProperty('members');
    const stored = h.conversation(channel.id as string);
    expect(stored.data.members).toEqual([alice]);
    expect(h.state.conversationOrder.at(-1)).toBe(channel.id);
  });

  it('posts a channel_join message for the creator', () => {
    const h = writeHarness();
    const body = h.call('conversations.create', T.alice, { name: 'with-join' });
    const stored = h.conversation((body.channel as { id: string }).id);
    expect(newMessages(stored)).toEqual([
      {
        type: 'message',
        subtype: 'channel_join',
        ts: '1800000000.000000',
        user: alice,
        text: `<@${alice}> has joined the channel`,
      },
    ]);
  });

  it('creates a private channel with is_private and a bot token holding groups:write', () => {
    const h = writeHarness();
    const body = h.call('conversations.create', T.bot, { name: 'bot-room', is_private: true });
    expect(body).toMatchObject({ ok: true, channel: { is_private: true, creator: bot } });
  });

  it('checks the scope for the requested type before the name', () => {
    const h = writeHarness();
    expect(h.call('conversations.create', T.readOnly, { name: '' })).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'channels:write',
      provided: 'channels:read',
    });
    const priv = h.call('conversations.create', T.readOnly, { name: 'x', is_private: 'true' });
    expect(priv).toMatchObject({ error: 'missing_scope', needed: 'groups:write' });
  });

  it('asks bots for channels:manage on public channels', () => {
    const h = writeHarness();
    h.state.tokens.get(T.bot)?.scopes.splice(0); // a bot token with no scopes at all
    expect(h.call('conversations.create', T.bot, { name: 'x' })).toMatchObject({
      error: 'missing_scope',
      needed: 'channels:manage',
    });
  });

  it('fails authentication before anything else', () => {
    const h = writeHarness();
    expect(h.call('conversations.create', undefined, { name: 'x' }).error).toBe('not_authed');
    expect(h.call('conversations.create', T.revoked, { name: 'x' }).error).toBe('token_revoked');
  });

  it.each([
    [undefined, 'invalid_name_required'],
    ['', 'invalid_name_required'],
    ['a'.repeat(81), 'invalid_name_maxlength'],
    ['Upper', 'invalid_name_specials'],
    ['has space', 'invalid_name_specials'],
    ['dot.name', 'invalid_name_specials'],
    ['#hash', 'invalid_name_specials'],
    ['---', 'invalid_name_punctuation'],
    ['_-_', 'invalid_name_punctuation'],
    ['general', 'name_taken'],
    ['old-project', 'name_taken'],
    ['mpdm-alice--bob--carol-1', 'name_taken'],
  ])('rejects the name %j with %s', (name, error) => {
    const h = writeHarness();
    expect(h.call('conversations.create', T.alice, { name })).toEqual({ ok: false, error });
  });

  it('accepts 80 characters, digits, underscores and lowercase letters of any script', () => {
    const h = writeHarness();
    for (const name of ['a'.repeat(80), 'q3_2026-plan', 'café', '日本語']) {
      expect(h.call('conversations.create', T.alice, { name }).ok).toBe(true);
    }
    expect(h.call('conversations.create', T.alice, { name: 'q3_2026-plan' }).error).toBe(
      'name_taken',
    );
  });

  it('validates every generated name by Slack’s rules, in Slack’s order', () => {
    const alphabet = fc.constantFrom(...'abcXYZ019-_ .#é'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 90 }), (chars) => {
        const name = chars.join('');
        const expected =
          name.length === 0
            ? 'invalid_name_required'
            : name.length > CHANNEL_NAME_MAX_LENGTH
              ? 'invalid_name_maxlength'
              : /[^a-z0-9\-_é]/.test(name)
                ? 'invalid_name_specials'
                : /^[-_]+$/.test(name)
                  ? 'invalid_name_punctuation'
                  : undefined;
        expect(nameError(name)).toBe(expected);
      }),
    );
  });
});

describe('conversations.rename', () => {
  it('renames, keeps the old name in previous_names and posts channel_name', () => {
    const h = writeHarness();
    const body = h.call('conversations.rename', T.bob, { channel: C.random, name: 'watercooler' });
    expect(body).toMatchObject({
      ok: true,
      channel: {
        id: C.random,
        name: 'watercooler',
        name_normalized: 'watercooler',
        previous_names: ['random'],
        is_member: true,
        updated: PINNED_MS,
      },
    });
    expect(newMessages(h.conversation(C.random))).toEqual([
      {
        type: 'message',
        subtype: 'channel_name',
        ts: '1800000000.000000',
        user: bob,
        text: `<@${bob}> has renamed the channel from "random" to "watercooler"`,
        old_name: 'random',
        name: 'watercooler',
      },
    ]);
    // the old name is free again; the new one is taken
    expect(h.call('conversations.create', T.alice, { name: 'random' }).ok).toBe(true);
    expect(h.call('conversations.create', T.alice, { name: 'watercooler' }).error).toBe(
      'name_taken',
    );
  });

  it('normalizes case, spaces and periods in the new name', () => {
    const h = writeHarness();
    const body = h.call('conversations.rename', T.bob, {
      channel: C.random,
      name: ' Water Cooler.v2 ',
    });
    expect(body).toMatchObject({ ok: true, channel: { name: 'water-cooler-v2' } });
    expect(
      h.call('conversations.rename', T.bob, { channel: C.random, name: 'bad#name' }).error,
    ).toBe('invalid_name_specials');
  });

  it('lets a workspace admin rename a channel someone else created', () => {
    const h = writeHarness();
    expect(h.call('conversations.rename', T.alice, { channel: C.random, name: 'chat' }).ok).toBe(
      true,
    );
  });

  it('treats renaming to the current name as a no-op without a message', () => {
    const h = writeHarness();
    const body = h.call('conversations.rename', T.bob, { channel: C.random, name: 'random' });
    expect(body).toMatchObject({ ok: true, channel: { previous_names: [] } });
    expect(newMessages(h.conversation(C.random))).toEqual([]);
  });

  it('answers errors in Slack’s order: existence, type, name, membership, authority, state', () => {
    const h = writeHarness();
    const rename = (token: string, channel: string, name?: string) =>
      h.call('conversations.rename', token, { channel, name }).error;
    expect(rename(T.bob, 'C0NOPE', 'x')).toBe('channel_not_found');
    expect(rename(T.bob, C.private, 'x')).toBe('channel_not_found');
    expect(rename(T.readOnly, C.random, 'x')).toBe('missing_scope');
    expect(rename(T.alice, C.im, 'x')).toBe('method_not_supported_for_channel_type');
    expect(rename(T.alice, C.mpim, 'x')).toBe('method_not_supported_for_channel_type');
    expect(rename(T.bob, C.random)).toBe('invalid_name_required');
    expect(rename(T.bob, C.extra[0], 'x')).toBe('not_in_channel');
    expect(rename(T.bob, C.general, 'x')).toBe('not_authorized');
    expect(rename(T.alice, C.archived, 'x')).toBe('is_archived');
    expect(rename(T.bob, C.random, 'general')).toBe('name_taken');
    expect(h.conversation(C.random).data.name).toBe('random');
  });
});
