import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { DEMO_TOKENS, demoWorkspace } from '../../src/emulator/state/demo-workspace.js';
import { type SlackBody, slackCall, startTestEmulator } from '../helpers/emulator.js';
import { extractJsonBlocks, shapeMismatches } from '../helpers/json-shape.js';

/**
 * Every field of Slack's own example payloads must appear in the emulator's answers for the demo
 * workspace, with the same JSON type (recursively). The examples are the reference pages of
 * seeds 003 (users.conversations) and 004 (the conversation object), and the python-slack-sdk's
 * conversations.list fixtures, copied into test/fixtures/slack-samples/. No field is excluded.
 * The SDK's users.list fixtures are not used: their `members` are strings like "Bob", a mock for
 * the SDK's paginator, not Slack's shape.
 */

const SAMPLES = new URL('../fixtures/slack-samples/', import.meta.url);
const PYTHON = new URL('python-sdk-fixtures/', SAMPLES);
const ALL_TYPES = 'public_channel,private_channel,mpim,im';
const TOKENS = [DEMO_TOKENS.user, DEMO_TOKENS.secondUser, DEMO_TOKENS.bot];

const [usersConversationsPublic, usersConversationsMixed, errorExample] = extractJsonBlocks(
  readFileSync(new URL('users-conversations-reference.txt', SAMPLES), 'utf8'),
);
const [infoExample, historyExample] = extractJsonBlocks(
  readFileSync(new URL('conversation-object-reference.txt', SAMPLES), 'utf8'),
);
const listFixtures = readdirSync(PYTHON)
  .filter((name) => name.startsWith('web_response_conversations_list'))
  .map((name) => ({ name, example: JSON.parse(readFileSync(new URL(name, PYTHON), 'utf8')) }));

let emulator: EmulatorHandle;
const answers = {
  info: [] as SlackBody[],
  history: [] as SlackBody[],
  list: [] as SlackBody[],
  usersConversations: [] as SlackBody[],
  error: [] as SlackBody[],
};

async function call(method: string, args: Record<string, unknown>, token: string) {
  return (await slackCall(emulator.url, method, args, { token })).body;
}

/** Every page of a cursor-paginated method. */
async function allPages(method: string, args: Record<string, unknown>, token: string) {
  const pages: SlackBody[] = [];
  let cursor = '';
  do {
    const page = await call(method, { ...args, cursor, limit: 200 }, token);
    expect(page.ok).toBe(true);
    pages.push(page);
    cursor = page.response_metadata?.next_cursor ?? '';
  } while (cursor !== '');
  return pages;
}

/** The first successful answer among the demo users (private conversations need a member). */
async function firstOk(method: string, args: Record<string, unknown>) {
  for (const token of TOKENS) {
    const body = await call(method, args, token);
    if (body.ok) return body;
  }
  return undefined;
}

beforeAll(async () => {
  emulator = await startTestEmulator(demoWorkspace());
  for (const { id } of demoWorkspace().conversations) {
    const info = await firstOk('conversations.info', { channel: id });
    if (info) answers.info.push(info);
    const history = await firstOk('conversations.history', { channel: id, limit: 999 });
    if (history) answers.history.push(history);
  }
  for (const token of TOKENS) {
    answers.list.push(...(await allPages('conversations.list', { types: ALL_TYPES }, token)));
    answers.usersConversations.push(
      ...(await allPages('users.conversations', { types: ALL_TYPES }, token)),
    );
  }
  answers.error.push(await call('users.conversations', {}, 'xoxp-not-a-demo-token'));
});

afterAll(async () => {
  await emulator.close();
});

describe('the emulator against Slack example payloads', () => {
  it('finds the examples embedded in the reference pages', () => {
    expect([usersConversationsPublic, usersConversationsMixed, errorExample]).not.toContain(
      undefined,
    );
    expect([infoExample, historyExample]).not.toContain(undefined);
    expect(listFixtures.length).toBeGreaterThanOrEqual(6);
    const callers = new Set(
      demoWorkspace()
        .tokens.filter((t) => TOKENS.some((token) => token === t.token))
        .map((t) => t.user_id),
    );
    const visible = demoWorkspace().conversations.filter(
      (c) => !c.is_private || c.members.some((member) => callers.has(member)),
    );
    expect(answers.info).toHaveLength(visible.length);
  });

  it('answers conversations.info with every field of the conversation object example', () => {
    expect(shapeMismatches(infoExample, answers.info, 'info')).toEqual([]);
  });

  it('answers conversations.history with every field of the huddle message example', () => {
    expect(shapeMismatches(historyExample, answers.history, 'history')).toEqual([]);
  });

  it('answers users.conversations with every field of the public channels example', () => {
    const mismatches = shapeMismatches(
      usersConversationsPublic,
      answers.usersConversations,
      'users.conversations',
    );
    expect(mismatches).toEqual([]);
  });

  it('answers users.conversations with every field of the mixed IM and MPIM example', () => {
    const mismatches = shapeMismatches(
      usersConversationsMixed,
      answers.usersConversations,
      'users.conversations',
    );
    expect(mismatches).toEqual([]);
  });

  it('answers a bad token with the fields of the error example', () => {
    expect(shapeMismatches(errorExample, answers.error, 'error')).toEqual([]);
    expect(answers.error[0]?.error).toBe('invalid_auth');
  });

  it.each(listFixtures)(
    'answers conversations.list with every field of $name',
    ({ name, example }) => {
      expect(shapeMismatches(example, answers.list, name)).toEqual([]);
    },
  );

  it('omits is_member and num_members from users.conversations, as Slack documents', () => {
    const channels = answers.usersConversations.flatMap((page) => page.channels as object[]);
    expect(channels.length).toBeGreaterThan(0);
    for (const channel of channels) {
      expect(channel).not.toHaveProperty('is_member');
      expect(channel).not.toHaveProperty('num_members');
    }
  });
});
