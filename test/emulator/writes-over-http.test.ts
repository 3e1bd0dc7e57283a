import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/emulator.js';
import type { SlackConversation, SlackMessage } from '../../src/slack/wire-types.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { PINNED_MS } from '../helpers/call-method.js';
import { type SlackBody, slackCall } from '../helpers/emulator.js';

const { alice, bob, carol } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;

let emulator: EmulatorHandle;

beforeEach(async () => {
  // A pinned clock makes `updated`, `last_set` and the new messages' `ts` exact.
  emulator = await startEmulator({ workspace: scenarioWorkspace(), clock: () => PINNED_MS });
});

afterEach(async () => {
  await emulator.close();
});

async function call(method: string, args: Record<string, unknown>, token: string = T.alice) {
  return (await slackCall(emulator.url, method, args, { token })).body;
}

async function info(channel: string, token: string = T.alice): Promise<SlackConversation> {
  const body = await call('conversations.info', { channel, include_num_members: true }, token);
  expect(body.ok).toBe(true);
  return body.channel as SlackConversation;
}

async function history(channel: string, token: string = T.alice): Promise<SlackMessage[]> {
  const body = await call('conversations.history', { channel }, token);
  expect(body.ok).toBe(true);
  return body.messages as SlackMessage[];
}

describe('conversation writes over HTTP', () => {
  it('creates a private channel (JSON body) that only its members can see', async () => {
    const { body, headers } = await slackCall<SlackBody>(
      emulator.url,
      'conversations.create',
      { name: 'stealth', is_private: true },
      { token: T.alice, transport: 'json' },
    );
    expect(body).toMatchObject({ ok: true, channel: { name: 'stealth', is_private: true } });
    expect(headers.get('x-accepted-oauth-scopes')).toBe(
      'channels:manage,channels:write,groups:write,im:write,mpim:write',
    );
    const id = (body.channel as { id: string }).id;
    expect(await info(id)).toMatchObject({ id, is_member: true, num_members: 1, creator: alice });
    expect(await call('conversations.info', { channel: id }, T.bob)).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    const members = await call('conversations.members', { channel: id });
    expect(members.members).toEqual([alice]);
    expect(await history(id)).toMatchObject([{ subtype: 'channel_join', user: alice }]);
    const listed = await call('conversations.list', { types: 'private_channel' }, T.bob);
    expect((listed.channels as SlackConversation[]).map((c) => c.id)).not.toContain(id);
  });

  it('sends the already_in_channel warning on the wire', async () => {
    const body = await call('conversations.join', { channel: C.general });
    expect(body).toMatchObject({
      ok: true,
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    });
  });

  it('shows invites, joins, leaves and kicks in members and history', async () => {
    const channel = C.extra[0];
    expect((await call('conversations.invite', { channel, users: `${bob},${carol}` })).ok).toBe(
      true,
    );
    expect((await call('conversations.leave', { channel }, T.bob)).ok).toBe(true);
    expect((await call('conversations.kick', { channel, user: carol })).ok).toBe(true);
    expect((await call('conversations.join', { channel }, T.bob)).ok).toBe(true);
    expect((await call('conversations.members', { channel })).members).toEqual([alice, bob]);
    const subtypes = (await history(channel)).map((m) => [m.subtype, m.user, m.inviter]);
    expect(subtypes).toEqual([
      ['channel_join', bob, undefined],
      ['channel_leave', carol, undefined],
      ['channel_leave', bob, undefined],
      ['channel_join', carol, alice],
      ['channel_join', bob, alice],
    ]);
  });

  it('reports per-user invite failures with ok: false and errors', async () => {
    const body = await call('conversations.invite', {
      channel: C.random,
      users: `U0NOBODY,${carol}`,
    });
    expect(body).toEqual({
      ok: false,
      error: 'user_not_found',
      errors: [{ user: 'U0NOBODY', ok: false, error: 'user_not_found' }],
    });
  });

  it('shows a new topic, purpose and name in conversations.info and history', async () => {
    await call('conversations.setTopic', { channel: C.random, topic: 'Snacks' }, T.bob);
    await call('conversations.setPurpose', { channel: C.random, purpose: 'Chat' }, T.bob);
    await call('conversations.rename', { channel: C.random, name: 'snacks' }, T.bob);
    const channel = await info(C.random);
    expect(channel).toMatchObject({
      name: 'snacks',
      previous_names: ['random'],
      topic: { value: 'Snacks', creator: bob, last_set: PINNED_MS / 1000 },
      purpose: { value: 'Chat', creator: bob, last_set: PINNED_MS / 1000 },
      updated: PINNED_MS,
    });
    const [rename, purpose, topic] = await history(C.random);
    expect(rename).toMatchObject({
      subtype: 'channel_name',
      ts: '1800000000.000002',
      old_name: 'random',
      name: 'snacks',
    });
    expect(purpose).toMatchObject({ subtype: 'channel_purpose', purpose: 'Chat' });
    expect(topic).toMatchObject({ subtype: 'channel_topic', topic: 'Snacks' });
  });

  it('answers a missing topic with invalid_arguments and Slack’s message', async () => {
    expect(await call('conversations.setTopic', { channel: C.random })).toEqual({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: topic'] },
    });
  });

  it('shows archiving in conversations.info and in exclude_archived lists', async () => {
    expect(await call('conversations.archive', { channel: C.random })).toEqual({ ok: true });
    expect(await info(C.random)).toMatchObject({ is_archived: true });
    const listed = await call('conversations.list', { exclude_archived: true, limit: 100 });
    expect((listed.channels as SlackConversation[]).map((c) => c.id)).not.toContain(C.random);
    expect(await call('conversations.unarchive', { channel: C.random })).toEqual({ ok: true });
    expect(await info(C.random)).toMatchObject({ is_archived: false });
  });

  it('opens, closes and marks DMs, as conversations.info then shows', async () => {
    const opened = await call('conversations.open', { users: carol }, T.bob);
    const id = (opened.channel as { id: string }).id;
    expect(await info(id, T.bob)).toMatchObject({ id, is_im: true, user: carol, is_open: true });
    expect(await info(id, T.withEmail)).toMatchObject({ user: bob, is_open: false });
    expect(await call('conversations.close', { channel: id }, T.bob)).toEqual({ ok: true });
    expect(await info(id, T.bob)).toMatchObject({ is_open: false });

    expect(await info(C.im)).toMatchObject({ last_read: '0000000000.000000', unread_count: 3 });
    await call('conversations.mark', { channel: C.im, ts: '1700000810.000100' });
    expect(await info(C.im)).toMatchObject({ last_read: '1700000810.000100', unread_count: 1 });
  });
});
