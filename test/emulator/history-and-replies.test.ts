import { describe, expect, it } from 'vitest';
import type { WorkspaceFile, WorkspaceMessage } from '../../src/emulator/state/workspace-file.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { slackCall, useTestEmulator } from '../helpers/emulator.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;
const PARENT = SCENARIO_IDS.generalThread;
const [REPLY1 = '', REPLY2 = '', REPLY3 = ''] = SCENARIO_IDS.generalReplies;
const BUSY = C.extra[0];
/** 20 messages in BUSY (alice is its only member), oldest first, plus a join message. */
const BUSY_TS = Array.from({ length: 20 }, (_, i) => `1700002${String(i).padStart(3, '0')}.000001`);
const JOIN_TS = '1700001999.000001';
/** A thread of a parent and 20 replies in another of alice's channels. */
const LONG_THREAD = C.extra[1];
const LONG_PARENT = '1700003000.000001';

/** The scenario plus a busy channel and a long thread. */
function historyWorkspace(): WorkspaceFile {
  const workspace = scenarioWorkspace();
  const busy: WorkspaceMessage[] = BUSY_TS.map((ts, i) => ({
    type: 'message',
    ts,
    user: U.alice,
    text: `note ${i}`,
  }));
  busy.push({ type: 'message', subtype: 'channel_join', ts: JOIN_TS, user: U.alice, text: '' });
  const [newest] = busy.slice(-2);
  if (newest) newest.metadata = { event_type: 'note_saved', event_payload: { id: 19 } };
  const thread: WorkspaceMessage[] = Array.from({ length: 21 }, (_, i) => ({
    type: 'message',
    ts: `1700003${String(i).padStart(3, '0')}.000001`,
    thread_ts: LONG_PARENT,
    user: U.alice,
    text: i === 0 ? 'long thread' : `reply ${i}`,
  }));
  workspace.messages = { ...workspace.messages, [BUSY]: busy, [LONG_THREAD]: thread };
  return workspace;
}

const emulator = useTestEmulator(historyWorkspace);

interface MessagesBody {
  ok: boolean;
  error?: string;
  messages: Record<string, unknown>[];
  has_more: boolean;
  response_metadata?: { next_cursor: string };
  [field: string]: unknown;
}

async function history(args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) {
  const { body } = await slackCall<MessagesBody>(emulator.url, 'conversations.history', args, {
    token,
  });
  return body;
}

async function replies(args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) {
  const { body } = await slackCall<MessagesBody>(emulator.url, 'conversations.replies', args, {
    token,
  });
  return body;
}

function tss(body: MessagesBody): unknown[] {
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body.messages.map((message) => message.ts);
}

function cursorText(body: MessagesBody): string {
  return Buffer.from(body.response_metadata?.next_cursor ?? '', 'base64').toString();
}

describe('conversations.history', () => {
  it('returns top-level messages and broadcasts newest first with Slack’s envelope fields', async () => {
    const body = await history({ channel: C.general });
    expect(tss(body)).toEqual([
      '1700000700.000700',
      '1700000600.000600',
      REPLY2,
      PARENT,
      '1700000100.000100',
    ]);
    expect(body).toMatchObject({
      has_more: false,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
    });
    expect(body).not.toHaveProperty('response_metadata');
    expect(body).not.toHaveProperty('latest');
  });

  it('gives thread parents computed summaries and broadcasts their root', async () => {
    const body = await history({ channel: C.general });
    const parent = body.messages.find((message) => message.ts === PARENT);
    expect(parent).toEqual({
      type: 'message',
      ts: PARENT,
      user: U.bob,
      text: 'Release plan for next week?',
      team: SCENARIO_IDS.team,
      thread_ts: PARENT,
      reply_count: 3,
      reply_users_count: 3,
      latest_reply: REPLY3,
      reply_users: [U.carol, U.alice, U.bob],
    });
    const broadcast = body.messages.find((message) => message.ts === REPLY2);
    expect(broadcast).toMatchObject({
      subtype: 'thread_broadcast',
      thread_ts: PARENT,
      root: { ts: PARENT, reply_count: 3 },
    });
  });

  it('pages with next_ts cursors and has_more', async () => {
    const first = await history({ channel: C.general, limit: 2 });
    expect(tss(first)).toEqual(['1700000700.000700', '1700000600.000600']);
    expect(first.has_more).toBe(true);
    expect(cursorText(first)).toBe(`next_ts:${REPLY2.replace('.', '')}`);
    const cursor = first.response_metadata?.next_cursor;
    const second = await history({ channel: C.general, limit: 2, cursor });
    expect(tss(second)).toEqual([REPLY2, PARENT]);
    const third = await history({
      channel: C.general,
      limit: 2,
      cursor: second.response_metadata?.next_cursor,
    });
    expect(tss(third)).toEqual(['1700000100.000100']);
    expect(third.has_more).toBe(false);
  });

  it('treats oldest and latest as exclusive bounds unless inclusive, and echoes them', async () => {
    const body = await history({ channel: C.general, oldest: PARENT, latest: '1700000600.000600' });
    expect(tss(body)).toEqual([REPLY2]);
    expect(body).toMatchObject({ oldest: PARENT, latest: '1700000600.000600' });
    const inclusive = await history({
      channel: C.general,
      oldest: PARENT,
      latest: '1700000600.000600',
      inclusive: true,
    });
    expect(tss(inclusive)).toEqual(['1700000600.000600', REPLY2, PARENT]);
    const wholeSeconds = await history({ channel: C.general, oldest: '1700000600' });
    expect(tss(wholeSeconds)).toEqual(['1700000700.000700', '1700000600.000600']);
  });

  it('fetches a single message with latest, inclusive and limit 1', async () => {
    const body = await history({ channel: C.general, latest: PARENT, inclusive: 1, limit: 1 });
    expect(tss(body)).toEqual([PARENT]);
    expect(body.has_more).toBe(true);
  });

  it('rejects malformed timestamps', async () => {
    expect(await history({ channel: C.general, latest: 'yesterday' })).toEqual({
      ok: false,
      error: 'invalid_ts_latest',
    });
    expect(await history({ channel: C.general, oldest: '-5' })).toEqual({
      ok: false,
      error: 'invalid_ts_oldest',
    });
  });

  it('lets user tokens read any public channel but bots only the ones they are in', async () => {
    expect(tss(await history({ channel: C.extra[3] }))).toEqual([]);
    expect(tss(await history({ channel: C.general }, SCENARIO_TOKENS.bot))).toHaveLength(5);
    expect(await history({ channel: C.random }, SCENARIO_TOKENS.bot)).toEqual({
      ok: false,
      error: 'not_in_channel',
    });
    expect(await history({ channel: C.secret })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await history({ channel: C.im }, SCENARIO_TOKENS.bot)).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    expect(await history({})).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('needs a history scope', async () => {
    expect(await history({ channel: C.general }, SCENARIO_TOKENS.readOnly)).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'channels:history,groups:history,mpim:history,im:history',
      provided: 'channels:read',
    });
  });

  it('defaults to 100 messages and clamps limit to 999', async () => {
    expect(tss(await history({ channel: BUSY }))).toHaveLength(21);
    expect(tss(await history({ channel: BUSY, limit: 5000 }))).toHaveLength(21);
  });

  it('gives tokens of unlisted apps a default and maximum limit of 15', async () => {
    const byDefault = await history({ channel: BUSY }, SCENARIO_TOKENS.unlisted);
    expect(tss(byDefault)).toHaveLength(15);
    expect(byDefault.has_more).toBe(true);
    expect(
      tss(await history({ channel: BUSY, limit: 200 }, SCENARIO_TOKENS.unlisted)),
    ).toHaveLength(15);
    expect(tss(await history({ channel: BUSY, limit: 4 }, SCENARIO_TOKENS.unlisted))).toHaveLength(
      4,
    );
  });

  it('rejects cursors of other methods and garbage with invalid_cursor', async () => {
    const listCursor = Buffer.from(`team:${C.general}`).toString('base64');
    for (const cursor of [listCursor, 'garbage!', Buffer.from('next_ts:soon').toString('base64')]) {
      expect(await history({ channel: C.general, cursor })).toEqual({
        ok: false,
        error: 'invalid_cursor',
      });
    }
  });

  it('returns message metadata only with include_all_metadata', async () => {
    const plain = await history({ channel: BUSY, limit: 1 });
    expect(plain.messages[0]).not.toHaveProperty('metadata');
    const withMetadata = await history({ channel: BUSY, limit: 1, include_all_metadata: true });
    expect(withMetadata.messages[0]).toMatchObject({
      ts: BUSY_TS.at(-1),
      metadata: { event_type: 'note_saved', event_payload: { id: 19 } },
    });
  });

  it('accepts JSON bodies', async () => {
    const { body } = await slackCall<MessagesBody>(
      emulator.url,
      'conversations.history',
      { channel: C.random, limit: 1 },
      { token: SCENARIO_TOKENS.alice, transport: 'json' },
    );
    expect(tss(body)).toEqual(['1700000120.000100']);
  });
});

describe('conversations.replies', () => {
  it('returns the parent with its summary, then replies oldest first with parent_user_id', async () => {
    const body = await replies({ channel: C.general, ts: PARENT });
    expect(tss(body)).toEqual([PARENT, REPLY1, REPLY2, REPLY3]);
    expect(body.messages[0]).toMatchObject({ reply_count: 3, latest_reply: REPLY3 });
    expect(body.messages[0]).not.toHaveProperty('parent_user_id');
    for (const reply of body.messages.slice(1)) {
      expect(reply).toMatchObject({ thread_ts: PARENT, parent_user_id: U.bob });
    }
    expect(body.has_more).toBe(false);
  });

  it('finds the thread from any reply’s ts', async () => {
    expect(tss(await replies({ channel: C.general, ts: REPLY3 }))).toEqual([
      PARENT,
      REPLY1,
      REPLY2,
      REPLY3,
    ]);
  });

  it('returns a message without replies on its own', async () => {
    const body = await replies({ channel: C.general, ts: '1700000600.000600' });
    expect(tss(body)).toEqual(['1700000600.000600']);
    expect(body.messages[0]).not.toHaveProperty('reply_count');
  });

  it('answers thread_not_found for a missing, unknown or unthreadable ts', async () => {
    const notFound = { ok: false, error: 'thread_not_found' };
    expect(await replies({ channel: C.general })).toEqual(notFound);
    expect(await replies({ channel: C.general, ts: '1700000101.000000' })).toEqual(notFound);
    expect(await replies({ channel: BUSY, ts: JOIN_TS })).toEqual(notFound);
  });

  it('pages the thread with the parent counted on the first page only', async () => {
    const first = await replies({ channel: C.general, ts: PARENT, limit: 2 });
    expect(tss(first)).toEqual([PARENT, REPLY1]);
    expect(first.has_more).toBe(true);
    expect(cursorText(first)).toBe(`next_ts:${REPLY2.replace('.', '')}`);
    const second = await replies({
      channel: C.general,
      ts: PARENT,
      limit: 2,
      cursor: first.response_metadata?.next_cursor,
    });
    expect(tss(second)).toEqual([REPLY2, REPLY3]);
    expect(second.has_more).toBe(false);
    expect(second).not.toHaveProperty('response_metadata');
  });

  it('bounds the replies with oldest and latest while keeping the parent first', async () => {
    expect(tss(await replies({ channel: C.general, ts: PARENT, oldest: REPLY1 }))).toEqual([
      PARENT,
      REPLY2,
      REPLY3,
    ]);
    expect(
      tss(
        await replies({
          channel: C.general,
          ts: PARENT,
          oldest: REPLY1,
          latest: REPLY3,
          inclusive: true,
        }),
      ),
    ).toEqual([PARENT, REPLY1, REPLY2, REPLY3]);
    expect(await replies({ channel: C.general, ts: PARENT, latest: 'later' })).toEqual({
      ok: false,
      error: 'invalid_ts_latest',
    });
  });

  it('applies the same access rules as history', async () => {
    expect(
      tss(await replies({ channel: C.general, ts: PARENT }, SCENARIO_TOKENS.bot)),
    ).toHaveLength(4);
    expect(
      await replies({ channel: C.random, ts: '1700000110.000100' }, SCENARIO_TOKENS.bot),
    ).toEqual({
      ok: false,
      error: 'not_in_channel',
    });
    expect(await replies({ channel: C.secret, ts: '1700000110.000100' })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it('defaults to 1000 rows, and to 15 for tokens of unlisted apps', async () => {
    const all = await replies({ channel: LONG_THREAD, ts: LONG_PARENT });
    expect(tss(all)).toHaveLength(21);
    expect(all.messages[0]).toMatchObject({ reply_count: 20, reply_users: [U.alice] });
    for (const limit of [undefined, 500]) {
      const args = { channel: LONG_THREAD, ts: LONG_PARENT, ...(limit ? { limit } : {}) };
      const clamped = await replies(args, SCENARIO_TOKENS.unlisted);
      expect(tss(clamped)).toHaveLength(15);
      expect(clamped.has_more).toBe(true);
    }
  });
});
