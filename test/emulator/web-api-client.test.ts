import {
  ErrorCode,
  LogLevel,
  retryPolicies,
  type WebAPICallResult,
  WebClient,
  WebClientEvent,
} from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { DEMO_TOKENS, demoWorkspace } from '../../src/emulator/state/demo-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';

/**
 * The official Node SDK (`@slack/web-api`), pointed at the emulator with `slackApiUrl`, must work
 * unchanged: pagination, reads, writes, platform errors and its own 429 + Retry-After handling.
 */

const demo = demoWorkspace();
const ALICE = 'U01ALICE00';
const ALL_TYPES = 'public_channel,private_channel,mpim,im';

function client(emulator: EmulatorHandle, token: string = DEMO_TOKENS.user): WebClient {
  return new WebClient(token, {
    slackApiUrl: emulator.url,
    retryConfig: retryPolicies.rapidRetryPolicy,
    logLevel: LogLevel.ERROR,
  });
}

/** Every item of `key` over all pages, through the SDK's own paginator. */
async function collect(
  web: WebClient,
  method: string,
  options: Record<string, unknown>,
  key: string,
) {
  const items: Record<string, unknown>[] = [];
  for await (const page of web.paginate(method, options)) {
    items.push(
      ...((page as WebAPICallResult & Record<string, Record<string, unknown>[]>)[key] ?? []),
    );
  }
  return items;
}

describe('@slack/web-api WebClient against the emulator', () => {
  let emulator: EmulatorHandle;
  let web: WebClient;

  beforeAll(async () => {
    emulator = await startTestEmulator(demoWorkspace());
    web = client(emulator);
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('paginates conversations.list over every type to exactly the conversations Alice can see', async () => {
    const channels = await collect(
      web,
      'conversations.list',
      { types: ALL_TYPES, limit: 7 },
      'channels',
    );
    const expected = demo.conversations
      .filter((c) => !c.is_private || c.members.includes(ALICE))
      .map((c) => c.id);
    expect(channels.map((c) => c.id).sort()).toEqual([...expected].sort());
  });

  it('paginates users.list to every user, bots and deactivated ones included', async () => {
    const members = await collect(web, 'users.list', { limit: 5 }, 'members');
    expect(members.map((u) => u.id).sort()).toEqual(demo.users.map((u) => u.id).sort());
  });

  it('reads a channel, its history, a thread and its members', async () => {
    const info = await web.conversations.info({
      channel: 'C01ENGINEER',
      include_num_members: true,
    });
    expect(info.channel?.name).toBe('engineering');
    expect(info.channel?.num_members).toBe(11);

    const history = await web.conversations.history({ channel: 'C01ENGINEER', limit: 200 });
    const parent = history.messages?.find((m) => m.text?.startsWith('RFC:'));
    expect(parent?.reply_count).toBe(4);

    const thread = await web.conversations.replies({
      channel: 'C01ENGINEER',
      ts: parent?.ts ?? '',
    });
    expect(thread.messages?.map((m) => m.user)).toEqual([
      'U01CAROL00',
      'U01DAVE000',
      'U01FRANK00',
      'U01BOB0000',
      'U01CAROL00',
    ]);

    const members = await collect(
      web,
      'conversations.members',
      { channel: 'C01ENGINEER', limit: 3 },
      'members',
    );
    const expected = demo.conversations.find((c) => c.id === 'C01ENGINEER')?.members;
    expect(members).toEqual(expected);
  });

  it('creates a channel, sets its topic and purpose, invites, kicks, renames, archives and unarchives it', async () => {
    const created = await web.conversations.create({ name: 'sdk-created' });
    const id = created.channel?.id ?? '';
    expect(created.channel?.is_member).toBe(true);
    await web.conversations.setTopic({ channel: id, topic: 'Made by the SDK' });
    await web.conversations.setPurpose({ channel: id, purpose: 'Testing writes' });
    const invited = await web.conversations.invite({ channel: id, users: 'U01BOB0000,U01CAROL00' });
    expect(invited.ok).toBe(true);
    expect((await web.conversations.kick({ channel: id, user: 'U01CAROL00' })).ok).toBe(true);
    const renamed = await web.conversations.rename({ channel: id, name: 'sdk-renamed' });
    expect(renamed.channel?.name).toBe('sdk-renamed');
    await web.conversations.archive({ channel: id });

    const info = await web.conversations.info({ channel: id });
    expect(info.channel).toMatchObject({
      name: 'sdk-renamed',
      is_archived: true,
      topic: { value: 'Made by the SDK', creator: ALICE },
      purpose: { value: 'Testing writes', creator: ALICE },
      previous_names: ['sdk-created'],
    });
    const members = await web.conversations.members({ channel: id });
    expect(members.members?.sort()).toEqual([ALICE, 'U01BOB0000'].sort());
    await web.conversations.unarchive({ channel: id });
    expect((await web.conversations.info({ channel: id })).channel?.is_archived).toBe(false);
  });

  it('opens, marks and closes a DM, joins and leaves a channel', async () => {
    const opened = await web.conversations.open({ users: 'U01GRACE00' });
    const dm = opened.channel?.id ?? '';
    expect(dm).toMatch(/^D/);
    const history = await web.conversations.history({ channel: 'D01ALICEBOB', limit: 1 });
    const ts = history.messages?.[0]?.ts ?? '';
    expect((await web.conversations.mark({ channel: 'D01ALICEBOB', ts })).ok).toBe(true);
    const info = await web.conversations.info({ channel: 'D01ALICEBOB' });
    expect(info.channel?.last_read).toBe(ts);
    expect((await web.conversations.close({ channel: dm })).ok).toBe(true);
    const bob = client(emulator, DEMO_TOKENS.secondUser);
    const joined = await bob.conversations.join({ channel: 'C01PETS0000' });
    expect(joined.channel?.id).toBe('C01PETS0000');
    expect((await bob.conversations.leave({ channel: 'C01PETS0000' })).ok).toBe(true);
  });

  it('surfaces Slack errors as WebAPIPlatformError with the error code', async () => {
    await expect(web.conversations.info({ channel: 'C0NOTACHANNEL' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'channel_not_found' },
    });
    const limited = client(emulator, DEMO_TOKENS.limited);
    await expect(limited.conversations.history({ channel: 'C01GENERAL0' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: expect.stringContaining('channels:history') },
    });
  });
});

describe('@slack/web-api WebClient and the emulator rate limits', () => {
  let emulator: EmulatorHandle;

  afterEach(async () => {
    await emulator.close();
  });

  it('waits out Retry-After on a 429 and completes the pagination', async () => {
    // Tier 2 (conversations.list) allows 20 calls a window; a 1 s window keeps the wait to ~1 s.
    emulator = await startTestEmulator(demoWorkspace(), { rateLimits: true, rateWindowMs: 1_000 });
    const web = client(emulator);
    const retryAfters: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (seconds: number) => retryAfters.push(seconds));
    const channels = await collect(
      web,
      'conversations.list',
      { types: ALL_TYPES, limit: 2 },
      'channels',
    );
    const expected = demo.conversations.filter((c) => !c.is_private || c.members.includes(ALICE));
    expect(channels).toHaveLength(expected.length);
    expect(retryAfters.length).toBeGreaterThanOrEqual(1);
    expect(retryAfters.every((seconds) => seconds >= 1)).toBe(true);
  });

  it('retries a call that met an injected ratelimited fault', async () => {
    emulator = await startTestEmulator(demoWorkspace(), {
      faults: [{ method: 'auth.test', kind: 'ratelimited', rate: 1 }],
    });
    const web = client(emulator);
    let limited = 0;
    web.on(WebClientEvent.RATE_LIMITED, () => {
      limited += 1;
      // The fault is lifted after the first 429, so the SDK's retry succeeds.
      emulator.configure({ faults: [] });
    });
    const identity = await web.auth.test();
    expect(identity.user_id).toBe(ALICE);
    expect(limited).toBe(1);
    expect(emulator.stats().calls['auth.test']).toBe(2);
  });
});
