import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { newMessages, PINNED_MS, writeHarness } from '../helpers/call-method.js';

const { alice, bob, bot } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;

describe('conversations.setTopic', () => {
  it('sets the topic, posts channel_topic and returns the channel with it as latest', () => {
    const h = writeHarness();
    const body = h.call('conversations.setTopic', T.bob, {
      channel: C.random,
      topic: 'Apply topically',
    });
    const message = {
      type: 'message',
      subtype: 'channel_topic',
      ts: '1800000000.000000',
      user: bob,
      text: 'set the channel topic: Apply topically',
      topic: 'Apply topically',
    };
    expect(body).toMatchObject({
      ok: true,
      channel: {
        id: C.random,
        is_member: true,
        topic: { value: 'Apply topically', creator: bob, last_set: PINNED_MS / 1000 },
        updated: PINNED_MS,
        latest: message,
        unread_count: 3,
        unread_count_display: 2,
      },
    });
    expect(newMessages(h.conversation(C.random))).toEqual([message]);
  });

  it('sets the topic of a group DM and of a private channel with a bot token', () => {
    const h = writeHarness();
    expect(h.call('conversations.setTopic', T.alice, { channel: C.mpim, topic: 'hi' }).ok).toBe(
      true,
    );
    expect(
      h.call('conversations.setTopic', T.bot, { channel: C.private, topic: 'x' }),
    ).toMatchObject({ ok: true, channel: { topic: { creator: bot } } });
  });

  it('accepts 250 characters and rejects 251 with too_long', () => {
    const h = writeHarness();
    const set = (topic: string) =>
      h.call('conversations.setTopic', T.bob, { channel: C.random, topic });
    expect(set('é'.repeat(250)).ok).toBe(true);
    expect(set('é'.repeat(251)).error).toBe('too_long');
  });

  it('answers invalid_arguments with Slack’s message when topic is missing', () => {
    const h = writeHarness();
    expect(h.call('conversations.setTopic', T.bob, { channel: C.random })).toEqual({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: topic'] },
    });
  });

  it('answers the documented errors in order', () => {
    const h = writeHarness();
    const set = (token: string, channel: string, topic?: string) =>
      h.call('conversations.setTopic', token, { channel, topic }).error;
    expect(set(T.alice, C.secret, 'x')).toBe('channel_not_found');
    expect(set(T.readOnly, C.random, 'x')).toBe('missing_scope');
    expect(set(T.alice, C.im, 'x')).toBe('method_not_supported_for_channel_type');
    expect(set(T.bob, C.extra[0], 'x'.repeat(251))).toBe('too_long');
    expect(set(T.bob, C.extra[0], 'x')).toBe('not_in_channel');
    expect(set(T.alice, C.archived, 'x')).toBe('is_archived');
    expect(h.conversation(C.archived).data.topic?.value).toBe('');
  });

  it('accepts channels:write.topic alone', () => {
    const h = writeHarness();
    h.state.tokens.set('xoxp-topic', {
      token: 'xoxp-topic',
      user_id: alice,
      scopes: ['channels:write.topic'],
    });
    expect(
      h.call('conversations.setTopic', 'xoxp-topic', { channel: C.random, topic: 't' }).ok,
    ).toBe(true);
    expect(
      h.call('conversations.setTopic', 'xoxp-topic', { channel: C.private, topic: 't' }),
    ).toMatchObject({ error: 'missing_scope', needed: 'groups:write.topic' });
  });
});

describe('conversations.setPurpose', () => {
  it('sets the purpose, posts channel_purpose and returns the channel', () => {
    const h = writeHarness();
    const body = h.call('conversations.setPurpose', T.alice, {
      channel: C.general,
      purpose: 'Everything, everywhere',
    });
    expect(body).toMatchObject({
      ok: true,
      channel: {
        id: C.general,
        purpose: { value: 'Everything, everywhere', creator: alice, last_set: PINNED_MS / 1000 },
        topic: { value: 'Company-wide announcements' },
      },
    });
    expect(newMessages(h.conversation(C.general))).toEqual([
      {
        type: 'message',
        subtype: 'channel_purpose',
        ts: '1800000000.000000',
        user: alice,
        text: 'set the channel description: Everything, everywhere',
        purpose: 'Everything, everywhere',
      },
    ]);
  });

  it('answers the purpose-specific invalid_arguments message and the shared errors', () => {
    const h = writeHarness();
    expect(h.call('conversations.setPurpose', T.alice, { channel: C.general })).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: purpose'] },
    });
    const set = (channel: string, purpose: string) =>
      h.call('conversations.setPurpose', T.bob, { channel, purpose }).error;
    expect(set(C.random, 'p'.repeat(251))).toBe('too_long');
    expect(set(C.extra[0], 'p')).toBe('not_in_channel');
    expect(set(C.im, 'p')).toBe('method_not_supported_for_channel_type');
  });
});
