import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import { EV, eventsWorkspace } from '../fixtures/events-workspace.js';
import { type SlackBody, slackCall, startTestEmulator } from '../helpers/emulator.js';

/**
 * chat.postMessage, chat.update and chat.delete with Slack's arguments, errors and scopes: a user
 * token posts as that user, a bot token as the app's bot. Successes go through the official
 * `@slack/web-api` client; errors are read from the wire with `slackCall`.
 */

let emulator: EmulatorHandle;
const { alice, bob, bot } = EV.users;
const C = EV.channels;
const ANNOUNCEMENTS = 'C0ANNOUNCE';

/** The events workspace plus a channel only admins may post in and a token without chat scopes. */
function chatWorkspace(): WorkspaceFile {
  const file = eventsWorkspace();
  file.conversations.push({
    id: ANNOUNCEMENTS,
    name: 'announcements',
    created: 1_700_000_000,
    creator: alice,
    is_channel: true,
    is_private: false,
    is_archived: false,
    properties: { posting_restricted_to: { type: ['admin'] } },
    members: [alice, bob],
  });
  file.tokens.push({ token: 'xoxp-events-noscope', user_id: bob, scopes: ['channels:read'] });
  return file;
}

function web(token: string): WebClient {
  return new WebClient(token, { slackApiUrl: emulator.url, logLevel: LogLevel.ERROR });
}

async function call(
  method: string,
  args: Record<string, unknown>,
  token: string,
): Promise<SlackBody> {
  return (await slackCall(emulator.url, method, args, { token })).body;
}

async function history(channel: string): Promise<Record<string, unknown>[]> {
  const answer = await web(EV.tokens.alice).conversations.history({ channel, limit: 5 });
  return (answer.messages ?? []) as Record<string, unknown>[];
}

beforeAll(async () => {
  emulator = await startTestEmulator(chatWorkspace());
});
afterAll(async () => {
  await emulator.close();
});

describe('chat.postMessage', () => {
  it('posts as the user of a user token, and history shows it', async () => {
    const answer = await web(EV.tokens.bob).chat.postMessage({ channel: C.general, text: 'hello' });
    expect(answer).toMatchObject({
      ok: true,
      channel: C.general,
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      message: { user: bob, type: 'message', text: 'hello', team: EV.team },
    });
    expect(answer.message).not.toHaveProperty('bot_id');
    const [newest] = await history(C.general);
    expect(newest).toMatchObject({ ts: answer.ts, user: bob, text: 'hello' });
  });

  it('posts as the bot of a bot token, with bot_id, app_id and bot_profile', async () => {
    const answer = await web(EV.tokens.bot).chat.postMessage({
      channel: '#general',
      text: 'beep',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'beep' } }],
    });
    expect(answer.message).toMatchObject({
      user: bot,
      bot_id: EV.botId,
      app_id: EV.app.id,
      text: 'beep',
      bot_profile: { id: EV.botId, app_id: EV.app.id, name: 'eventbot' },
      blocks: [{ type: 'section' }],
    });
    expect(answer.channel).toBe(C.general);
  });

  it('threads replies, a reply to a reply joining its parent thread', async () => {
    const client = web(EV.tokens.alice);
    const parent = await client.chat.postMessage({ channel: C.general, text: 'parent' });
    const reply = await client.chat.postMessage({
      channel: C.general,
      text: 'reply',
      thread_ts: parent.ts as string,
    });
    const nested = await client.chat.postMessage({
      channel: C.general,
      text: 'nested',
      thread_ts: reply.ts as string,
    });
    expect(nested.message?.thread_ts).toBe(parent.ts);
    const replies = await client.conversations.replies({
      channel: C.general,
      ts: parent.ts as string,
    });
    expect(replies.messages?.map((message) => message.text)).toEqual(['parent', 'reply', 'nested']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 2 });
  });

  it.each([
    ['missing_scope', { channel: C.general, text: 'x' }, 'xoxp-events-noscope'],
    ['channel_not_found', { channel: 'C0NOSUCH00', text: 'x' }, EV.tokens.alice],
    ['channel_not_found', { channel: C.secret, text: 'x' }, EV.tokens.alice],
    ['channel_not_found', { text: 'x' }, EV.tokens.alice],
    ['no_text', { channel: C.general }, EV.tokens.alice],
    ['msg_too_long', { channel: C.general, text: 'x'.repeat(40_001) }, EV.tokens.alice],
    ['invalid_blocks_format', { channel: C.general, blocks: '{nope' }, EV.tokens.alice],
    ['not_in_channel', { channel: C.random, text: 'x' }, EV.tokens.alice],
    ['not_in_channel', { channel: C.random, text: 'x' }, EV.tokens.bot],
    ['restricted_action', { channel: ANNOUNCEMENTS, text: 'x' }, EV.tokens.bob],
    [
      'thread_not_found',
      { channel: C.general, text: 'x', thread_ts: '1600000000.000001' },
      EV.tokens.alice,
    ],
  ])('answers %s', async (error, args, token) => {
    const body = await call('chat.postMessage', args, token);
    expect(body).toMatchObject({ ok: false, error });
    if (error === 'missing_scope') expect(body.needed).toBe('chat:write');
  });

  it('lets admins post where posting is restricted to admins', async () => {
    const body = await call(
      'chat.postMessage',
      { channel: ANNOUNCEMENTS, text: 'notice' },
      EV.tokens.alice,
    );
    expect(body.ok).toBe(true);
  });
});

describe('chat.update', () => {
  it('edits the author’s message, keeping blocks not given, and marks it edited', async () => {
    const client = web(EV.tokens.alice);
    const posted = await client.chat.postMessage({
      channel: C.general,
      text: 'v1',
      attachments: [{ text: 'kept' }],
    });
    const answer = await client.chat.update({
      channel: C.general,
      ts: posted.ts as string,
      text: 'v2',
    });
    expect(answer).toMatchObject({
      ok: true,
      channel: C.general,
      ts: posted.ts,
      text: 'v2',
      message: {
        text: 'v2',
        user: alice,
        edited: { user: alice },
        attachments: [{ text: 'kept' }],
      },
    });
    const [newest] = await history(C.general);
    expect(newest).toMatchObject({ ts: posted.ts, text: 'v2', edited: { user: alice } });
  });

  it('answers cant_update_message for someone else’s message, message_not_found for none', async () => {
    const posted = await web(EV.tokens.bob).chat.postMessage({ channel: C.general, text: 'bob' });
    const args = { channel: C.general, ts: posted.ts, text: 'hijack' };
    expect(await call('chat.update', args, EV.tokens.alice)).toEqual({
      ok: false,
      error: 'cant_update_message',
    });
    expect(await call('chat.update', args, EV.tokens.bot)).toEqual({
      ok: false,
      error: 'cant_update_message',
    });
    expect(await call('chat.update', { ...args, ts: '1600000000.000009' }, EV.tokens.bob)).toEqual({
      ok: false,
      error: 'message_not_found',
    });
    expect(await call('chat.update', { channel: C.general, ts: posted.ts }, EV.tokens.bob)).toEqual(
      {
        ok: false,
        error: 'no_text',
      },
    );
  });
});

describe('chat.delete', () => {
  it('deletes the author’s message; admins may delete anyone’s', async () => {
    const own = await web(EV.tokens.bob).chat.postMessage({ channel: C.general, text: 'gone' });
    expect(
      await web(EV.tokens.bob).chat.delete({ channel: C.general, ts: own.ts as string }),
    ).toMatchObject({
      ok: true,
      channel: C.general,
      ts: own.ts,
    });
    const other = await web(EV.tokens.bob).chat.postMessage({
      channel: C.general,
      text: 'moderated',
    });
    expect(await call('chat.delete', { channel: C.general, ts: other.ts }, EV.tokens.bot)).toEqual({
      ok: false,
      error: 'cant_delete_message',
    });
    expect(
      (await call('chat.delete', { channel: C.general, ts: other.ts }, EV.tokens.alice)).ok,
    ).toBe(true);
    const texts = (await history(C.general)).map((message) => message.text);
    expect(texts).not.toContain('gone');
    expect(texts).not.toContain('moderated');
    expect(
      await call('chat.delete', { channel: C.general, ts: other.ts }, EV.tokens.alice),
    ).toEqual({
      ok: false,
      error: 'message_not_found',
    });
  });

  it('leaves a tombstone for a thread parent that has replies', async () => {
    const client = web(EV.tokens.alice);
    const parent = await client.chat.postMessage({ channel: C.general, text: 'to be deleted' });
    await client.chat.postMessage({
      channel: C.general,
      text: 'stays',
      thread_ts: parent.ts as string,
    });
    await client.chat.delete({ channel: C.general, ts: parent.ts as string });
    const replies = await client.conversations.replies({
      channel: C.general,
      ts: parent.ts as string,
    });
    expect(replies.messages?.[0]).toMatchObject({
      subtype: 'tombstone',
      text: 'This message was deleted.',
      reply_count: 1,
    });
    expect(replies.messages?.[1]).toMatchObject({ text: 'stays' });
  });
});
