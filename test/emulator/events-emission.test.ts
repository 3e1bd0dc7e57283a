import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import type { EventCallback } from '../../src/emulator/events/envelope.js';
import { EV, eventsWorkspace } from '../fixtures/events-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';

/**
 * Every change, made through the Web API with the official client by any token, raises the
 * events Slack sends, with Slack's payload fields, and only for what the app's installation (the
 * bot and Alice) can see. Events are observed in process with `onEvent`, the bus both delivery
 * modes share.
 */

let emulator: EmulatorHandle;
let seen: EventCallback[] = [];
const { alice, bob, carol, bot } = EV.users;
const C = EV.channels;

function web(token: string): WebClient {
  return new WebClient(token, { slackApiUrl: emulator.url, logLevel: LogLevel.ERROR });
}

/** Inner events seen since the last reset, as `type` or `type/subtype`. */
function kinds(): string[] {
  return seen.map(({ event }) =>
    event.subtype === undefined ? event.type : `${event.type}/${String(event.subtype)}`,
  );
}

function only(type: string, subtype?: string): EventCallback {
  const matches = seen.filter(
    ({ event }) => event.type === type && (subtype === undefined || event.subtype === subtype),
  );
  expect(matches).toHaveLength(1);
  return matches[0] as EventCallback;
}

beforeAll(async () => {
  emulator = await startTestEmulator(eventsWorkspace());
  emulator.onEvent((envelope) => seen.push(envelope));
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  seen = [];
  emulator.resetStats();
});

describe('messages', () => {
  it('raises message with channel_type for a user post, under the bot authorization', async () => {
    const posted = await web(EV.tokens.bob).chat.postMessage({ channel: C.general, text: 'hi' });
    const envelope = only('message');
    expect(envelope.event).toEqual({
      user: bob,
      type: 'message',
      ts: posted.ts,
      text: 'hi',
      team: EV.team,
      channel: C.general,
      event_ts: posted.ts,
      channel_type: 'channel',
    });
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: EV.team,
      api_app_id: EV.app.id,
      is_ext_shared_channel: false,
      authorizations: [
        {
          enterprise_id: null,
          team_id: EV.team,
          user_id: bot,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
    });
    expect(envelope.event_id).toMatch(/^Ev[A-Z0-9]{8,}$/);
    expect(envelope.event_context).toMatch(/^4-/);
  });

  it('gives thread replies thread_ts and parent_user_id', async () => {
    await web(EV.tokens.alice).chat.postMessage({
      channel: C.general,
      text: 'reply',
      thread_ts: '1700000100.000100',
    });
    expect(only('message').event).toMatchObject({
      user: alice,
      thread_ts: '1700000100.000100',
      parent_user_id: bob,
      channel_type: 'channel',
    });
  });

  it('raises message_changed and message_deleted with the previous message', async () => {
    const client = web(EV.tokens.alice);
    const { ts } = await client.chat.postMessage({ channel: C.general, text: 'draft' });
    await client.chat.update({ channel: C.general, ts: ts as string, text: 'final' });
    const changed = only('message', 'message_changed').event;
    expect(changed).toMatchObject({
      subtype: 'message_changed',
      hidden: true,
      channel: C.general,
      channel_type: 'channel',
      message: { ts, text: 'final', user: alice, edited: { user: alice } },
      previous_message: { ts, text: 'draft', user: alice },
    });
    await client.chat.delete({ channel: C.general, ts: ts as string });
    expect(only('message', 'message_deleted').event).toMatchObject({
      hidden: true,
      deleted_ts: ts,
      channel: C.general,
      previous_message: { ts, text: 'final' },
    });
  });

  it('sends nothing for messages no part of the installation can see', async () => {
    await web(EV.tokens.bob).chat.postMessage({ channel: C.random, text: 'public, no app member' });
    await web(EV.tokens.bob).chat.postMessage({ channel: C.secret, text: 'private' });
    expect(seen).toEqual([]);
    expect(emulator.eventStats()).toMatchObject({ emitted: 0, invisible: 2 });
  });

  it('names the user authorization for a private channel the bot is not in', async () => {
    await web(EV.tokens.bob).chat.postMessage({ channel: C.team, text: 'psst' });
    const envelope = only('message');
    expect(envelope.event.channel_type).toBe('group');
    expect(envelope.authorizations).toEqual([
      {
        enterprise_id: null,
        team_id: EV.team,
        user_id: alice,
        is_bot: false,
        is_enterprise_install: false,
      },
    ]);
  });

  it('uses channel_type im for DMs', async () => {
    await web(EV.tokens.bob).chat.postMessage({ channel: C.im, text: 'dm' });
    expect(only('message').event).toMatchObject({ channel: C.im, channel_type: 'im' });
  });
});

describe('conversation changes', () => {
  it('rename: channel_rename for a public channel seen by nobody else, plus channel_name', async () => {
    await web(EV.tokens.bob).conversations.rename({ channel: C.random, name: 'random-2' });
    // The message goes to members only (none installed); the rename to every viewer.
    expect(kinds()).toEqual(['channel_rename']);
    expect(only('channel_rename').event).toEqual({
      type: 'channel_rename',
      channel: {
        id: C.random,
        name: 'random-2',
        name_normalized: 'random-2',
        created: 1_700_000_000,
        is_channel: true,
        is_mpim: false,
      },
      event_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
    });
  });

  it('private channels raise group_* events, only to members', async () => {
    await web(EV.tokens.bob).conversations.rename({ channel: C.secret, name: 'secret-2' });
    expect(seen).toEqual([]);
    await web(EV.tokens.bob).conversations.setTopic({ channel: C.team, topic: 'plans' });
    await web(EV.tokens.bob).conversations.setPurpose({ channel: C.team, purpose: 'why' });
    expect(kinds()).toEqual(['message/channel_topic', 'message/channel_purpose']);
    expect(only('message', 'channel_topic').event).toMatchObject({
      user: bob,
      topic: 'plans',
      channel_type: 'group',
    });
  });

  it('create: channel_created, then member_joined_channel and channel_join', async () => {
    const created = await web(EV.tokens.alice).conversations.create({ name: 'fresh' });
    const id = created.channel?.id as string;
    expect(kinds()).toEqual(['channel_created', 'member_joined_channel', 'message/channel_join']);
    expect(only('channel_created').event).toMatchObject({
      type: 'channel_created',
      channel: { id, name: 'fresh', creator: alice, is_channel: true, is_private: false },
    });
    expect(only('member_joined_channel').event).toEqual({
      type: 'member_joined_channel',
      user: alice,
      channel: id,
      channel_type: 'C',
      team: EV.team,
      event_ts: expect.any(String),
    });
  });

  it('archive and unarchive: channel_archive / channel_unarchive and their messages', async () => {
    const client = web(EV.tokens.alice);
    const id = (await client.conversations.create({ name: 'to-archive' })).channel?.id as string;
    seen = [];
    await client.conversations.archive({ channel: id });
    await client.conversations.unarchive({ channel: id });
    expect(kinds()).toEqual([
      'message/channel_archive',
      'channel_archive',
      'channel_unarchive',
      'message/channel_unarchive',
    ]);
    expect(only('channel_archive').event).toMatchObject({ channel: id, user: alice });
    expect(only('channel_unarchive').event).toMatchObject({ channel: id, user: alice });
  });

  it('private archive and unarchive are group_archive / group_unarchive (actor_id)', async () => {
    const client = web(EV.tokens.alice);
    const created = await client.conversations.create({ name: 'closed-room', is_private: true });
    const id = created.channel?.id as string;
    // No channel_created for private channels.
    expect(kinds()).toEqual(['member_joined_channel', 'message/channel_join']);
    seen = [];
    await client.conversations.archive({ channel: id });
    await client.conversations.unarchive({ channel: id });
    expect(only('group_archive').event).toMatchObject({ channel: id, user: alice });
    expect(only('group_unarchive').event).toMatchObject({ channel: id, actor_id: alice });
  });
});

describe('membership', () => {
  it('invite: member_joined_channel with inviter, and channel_join with inviter', async () => {
    await web(EV.tokens.bob).conversations.invite({ channel: C.team, users: carol });
    expect(kinds()).toEqual(['member_joined_channel', 'message/channel_join']);
    expect(only('member_joined_channel').event).toMatchObject({
      user: carol,
      inviter: bob,
      channel: C.team,
      channel_type: 'G',
    });
    expect(only('message', 'channel_join').event).toMatchObject({ user: carol, inviter: bob });
  });

  it('kick: channel_leave, group_left to the removed user, member_left_channel to members', async () => {
    await web(EV.tokens.bob).conversations.kick({ channel: C.team, user: carol });
    // Carol is not installed and Alice still is: channel_leave and member_left_channel reach Alice.
    expect(kinds()).toEqual(['message/channel_leave', 'member_left_channel']);
    await web(EV.tokens.bob).conversations.kick({ channel: C.team, user: alice });
    expect(kinds()).toContain('group_left');
    expect(only('group_left').event).toEqual({
      type: 'group_left',
      channel: C.team,
      actor_id: bob,
      event_ts: expect.any(String),
    });
    expect(only('group_left').authorizations[0]?.user_id).toBe(alice);
  });

  it('join and leave a public channel raise member events for the members', async () => {
    const client = web(EV.tokens.alice);
    await client.conversations.join({ channel: C.random });
    expect(kinds()).toEqual(['member_joined_channel', 'message/channel_join']);
    seen = [];
    await client.conversations.leave({ channel: C.random });
    expect(kinds()).toEqual(['message/channel_leave', 'channel_left']);
    expect(only('channel_left').event).toMatchObject({ channel: C.random, actor_id: alice });
  });
});

describe('direct messages', () => {
  it('open and close: im_open / im_close to the user who did it', async () => {
    const client = web(EV.tokens.alice);
    await client.conversations.close({ channel: C.im });
    await client.conversations.open({ users: bob });
    expect(kinds()).toEqual(['im_close', 'im_open']);
    expect(only('im_open').event).toEqual({
      type: 'im_open',
      user: alice,
      channel: C.im,
      event_ts: expect.any(String),
    });
    seen = [];
    await client.conversations.open({ users: bob });
    expect(seen).toEqual([]); // already open: nothing changes
  });

  it('a new DM raises im_created, then im_open', async () => {
    await web(EV.tokens.alice).conversations.open({ users: carol });
    expect(kinds()).toEqual(['im_created', 'im_open']);
    expect(only('im_created').event).toMatchObject({
      user: alice,
      channel: { is_im: true, user: carol },
    });
  });
});
