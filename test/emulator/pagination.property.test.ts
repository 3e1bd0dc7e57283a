import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/emulator/protocol/cursors.js';
import { type StoredConversation, WorkspaceState } from '../../src/emulator/state/store.js';
import { validateWorkspaceFile } from '../../src/emulator/state/validate-workspace.js';
import type { WorkspaceFile, WorkspaceMessage } from '../../src/emulator/state/workspace-file.js';
import type { SlackConversationType } from '../../src/slack/wire-types.js';
import { callMethod, type MethodBody } from '../helpers/call-method.js';
import {
  RANDOM_BOT_TOKEN,
  RANDOM_BOT_USER,
  randomUserId,
  randomUserToken,
  randomWorkspaceArb,
} from '../helpers/random-workspace.js';

const TYPES: SlackConversationType[] = ['public_channel', 'private_channel', 'mpim', 'im'];

const U0 = randomUserId(0);
const U1 = randomUserId(1);

/** A caller of a random workspace: the token of user 0 or 1, or the bot's. */
const callerArb = fc.constantFrom(
  { token: randomUserToken(0), userId: U0 },
  { token: randomUserToken(1), userId: U1 },
  { token: RANDOM_BOT_TOKEN, userId: RANDOM_BOT_USER },
);
/**
 * `limit` sequences: mostly small pages, sometimes a value Slack adjusts (0 or negative → the
 * default, above the maximum → the maximum; both exceed any random collection).
 */
const limitsArb = fc.array(
  fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 7 }), weight: 6 },
    { arbitrary: fc.constantFrom(0, -3, 5000), weight: 1 },
  ),
  { minLength: 1, maxLength: 6 },
);

/** The page size the emulator uses for `limit` (defaults and maximums exceed random collections). */
function effective(limit: number): number {
  return limit < 1 ? 100 : limit;
}
const typesArb = fc.subarray(TYPES, { minLength: 1 });

function typeOf(conversation: StoredConversation): SlackConversationType {
  const data = conversation.data;
  if (data.is_im) return 'im';
  if (data.is_mpim) return 'mpim';
  return data.is_private ? 'private_channel' : 'public_channel';
}

function visible(conversation: StoredConversation, userId: string): boolean {
  return typeOf(conversation) === 'public_channel' || conversation.data.members.includes(userId);
}

function cursorOf(body: MethodBody): string {
  const metadata = body.response_metadata as { next_cursor?: string } | undefined;
  return metadata?.next_cursor ?? '';
}

/**
 * Follows `next_cursor` with the given `limit` sequence (cycled) until it is empty, checking
 * every page succeeds; returns the pages. Bounded so a cursor that never ends fails the test.
 */
function walk(
  call: (args: Record<string, unknown>) => MethodBody,
  limits: readonly number[],
  pick: (body: MethodBody) => readonly unknown[],
  maxPages: number,
): unknown[][] {
  const pages: unknown[][] = [];
  let cursor: string | undefined;
  for (let page = 0; page <= maxPages; page += 1) {
    const limit = limits[page % limits.length] ?? 1;
    const body = call({ limit, ...(cursor === undefined ? {} : { cursor }) });
    expect(body.ok, JSON.stringify(body)).toBe(true);
    pages.push([...pick(body)]);
    cursor = cursorOf(body);
    if (cursor === '') return pages;
  }
  throw new Error(`the cursor did not end within ${maxPages} pages`);
}

/** What Slack's page-then-filter rule yields: chunks of `base` by the limit sequence, filtered. */
function expectedPages<T, U>(
  base: readonly T[],
  limits: readonly number[],
  keep: (item: T) => boolean,
  view: (item: T) => U,
): U[][] {
  const pages: U[][] = [];
  let start = 0;
  do {
    const limit = effective(limits[pages.length % limits.length] ?? 1);
    pages.push(
      base
        .slice(start, start + limit)
        .filter(keep)
        .map(view),
    );
    start += limit;
  } while (start < base.length);
  return pages;
}

function ids(body: MethodBody): string[] {
  return (body.channels as { id: string }[]).map((channel) => channel.id);
}

function conversationsOf(state: WorkspaceState): StoredConversation[] {
  return state.conversationOrder.flatMap((id) => state.conversations.get(id) ?? []);
}

describe('random workspaces', () => {
  it('are valid workspace files, so a real emulator can load them', () => {
    fc.assert(
      fc.property(randomWorkspaceArb(), (file) => {
        expect(validateWorkspaceFile(JSON.parse(JSON.stringify(file)))).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe('cursor pagination over random workspaces', () => {
  it('walks conversations.list visiting every visible conversation once, in workspace order', () => {
    fc.assert(
      fc.property(
        randomWorkspaceArb(),
        callerArb,
        typesArb,
        fc.boolean(),
        limitsArb,
        (file, caller, types, excludeArchived, limits) => {
          const state = new WorkspaceState(file);
          const args = { types: types.join(','), exclude_archived: excludeArchived };
          const pages = walk(
            (page) => callMethod(state, 'conversations.list', { ...args, ...page }, caller.token),
            limits,
            ids,
            file.conversations.length + 1,
          );
          const keep = (entry: StoredConversation) =>
            types.includes(typeOf(entry)) &&
            visible(entry, caller.userId) &&
            !(excludeArchived && entry.data.is_archived);
          const expected = expectedPages(conversationsOf(state), limits, keep, (e) => e.data.id);
          expect(pages).toEqual(expected);
          const all = pages.flat();
          expect(new Set(all).size).toBe(all.length);
        },
      ),
    );
  });

  it('walks users.conversations over the subject memberships the caller may see', () => {
    fc.assert(
      fc.property(
        randomWorkspaceArb(),
        callerArb,
        fc.constantFrom(undefined, U0, U1, RANDOM_BOT_USER),
        typesArb,
        fc.boolean(),
        limitsArb,
        (file, caller, subject, types, excludeArchived, limits) => {
          const state = new WorkspaceState(file);
          const args = {
            types: types.join(','),
            exclude_archived: excludeArchived,
            ...(subject === undefined ? {} : { user: subject }),
          };
          const pages = walk(
            (page) => callMethod(state, 'users.conversations', { ...args, ...page }, caller.token),
            limits,
            ids,
            file.conversations.length + 1,
          );
          const member = subject ?? caller.userId;
          const base = conversationsOf(state).filter((e) => e.data.members.includes(member));
          const keep = (entry: StoredConversation) =>
            types.includes(typeOf(entry)) &&
            visible(entry, caller.userId) &&
            !(excludeArchived && entry.data.is_archived);
          expect(pages).toEqual(expectedPages(base, limits, keep, (e) => e.data.id));
        },
      ),
    );
  });

  it('walks conversations.members returning every member once, in stored order', () => {
    fc.assert(
      fc.property(randomWorkspaceArb(), callerArb, limitsArb, (file, caller, limits) => {
        const state = new WorkspaceState(file);
        for (const entry of conversationsOf(state).filter((e) => visible(e, caller.userId))) {
          const pages = walk(
            (page) =>
              callMethod(
                state,
                'conversations.members',
                { channel: entry.data.id, ...page },
                caller.token,
              ),
            limits,
            (body) => body.members as string[],
            entry.data.members.length + 1,
          );
          const base = entry.data.members;
          expect(pages).toEqual(
            expectedPages(
              base,
              limits,
              () => true,
              (id) => id,
            ),
          );
        }
      }),
    );
  });

  it('walks conversations.history newest first with every page full until has_more is false', () => {
    fc.assert(
      fc.property(
        randomWorkspaceArb(),
        limitsArb,
        fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
        fc.boolean(),
        (file, limits, oldestSecond, inclusive) => {
          const state = new WorkspaceState(file);
          const token = randomUserToken(0);
          const oldest = oldestSecond === undefined ? undefined : `${1_700_000_000 + oldestSecond}`;
          for (const entry of conversationsOf(state).filter((e) => visible(e, U0))) {
            const args = { channel: entry.data.id, inclusive, ...(oldest ? { oldest } : {}) };
            const bodies: MethodBody[] = [];
            const pages = walk(
              (page) => {
                const body = callMethod(
                  state,
                  'conversations.history',
                  { ...args, ...page },
                  token,
                );
                bodies.push(body);
                return body;
              },
              limits,
              (body) => (body.messages as WorkspaceMessage[]).map((message) => message.ts),
              entry.messages.length + 1,
            );
            const expected = entry.messages
              .filter(
                (m) =>
                  m.thread_ts === undefined ||
                  m.thread_ts === m.ts ||
                  m.subtype === 'thread_broadcast',
              )
              .filter(
                (m) =>
                  oldest === undefined || (inclusive ? m.ts >= oldest : m.ts > `${oldest}.000000`),
              )
              .map((m) => m.ts)
              .reverse();
            expect(pages.flat()).toEqual(expected);
            pages.forEach((page, index) => {
              const more = index < pages.length - 1;
              expect(bodies[index]?.has_more).toBe(more);
              if (more) expect(page.length).toBe(effective(limits[index % limits.length] ?? 1));
            });
          }
        },
      ),
    );
  });

  it('walks conversations.replies giving the parent once and then each reply once, oldest first', () => {
    fc.assert(
      fc.property(randomWorkspaceArb(), limitsArb, (file, limits) => {
        const state = new WorkspaceState(file);
        const token = randomUserToken(0);
        for (const entry of conversationsOf(state).filter((e) => visible(e, U0))) {
          for (const parent of entry.messages.filter((m) => m.thread_ts === undefined)) {
            const replies = entry.messages.filter((m) => m.thread_ts === parent.ts);
            const pages = walk(
              (page) =>
                callMethod(
                  state,
                  'conversations.replies',
                  { channel: entry.data.id, ts: replies.at(-1)?.ts ?? parent.ts, ...page },
                  token,
                ),
              limits,
              (body) => (body.messages as WorkspaceMessage[]).map((message) => message.ts),
              replies.length + 2,
            );
            expect(pages.flat()).toEqual([parent.ts, ...replies.map((reply) => reply.ts)]);
          }
        }
      }),
    );
  });
});

/** Cursors no method ever minted: non-base64 text, base64 of text without a known kind prefix. */
const garbageCursorArb = fc.oneof(
  fc
    .string({ minLength: 1 })
    .filter((text) => text.trim() !== '' && !/^[A-Za-z0-9+/]+={0,2}$/.test(text)),
  fc
    .string({ minLength: 1 })
    .filter((text) => !/^(team|im_id|next_ts|user):/.test(text))
    .map((text) => Buffer.from(text, 'utf8').toString('base64')),
  fc.string().map((text) => encodeCursor('next_ts', `x${text}`)),
  fc.constantFrom('dGVhbTo=', 'bmV4dF90czo=', '====', 'dXNlcjpVMEc5V0ZYTlo', 'team:C0001'),
);

describe('garbage cursors', () => {
  it('answer invalid_cursor from every paginated method and never crash', () => {
    fc.assert(
      fc.property(randomWorkspaceArb(), garbageCursorArb, (file: WorkspaceFile, cursor) => {
        const state = new WorkspaceState(file);
        const token = randomUserToken(0);
        const publicChannel = file.conversations.find((c) => !c.is_private && !c.is_im);
        const calls: [string, Record<string, unknown>][] = [
          ['conversations.list', { types: TYPES.join(',') }],
          ['users.conversations', { types: TYPES.join(',') }],
        ];
        if (publicChannel) {
          const channel = publicChannel.id;
          const first = file.messages?.[channel]?.[0]?.ts ?? '1700000000.000000';
          calls.push(['conversations.members', { channel }]);
          calls.push(['conversations.history', { channel }]);
          if (file.messages?.[channel]?.length) {
            calls.push(['conversations.replies', { channel, ts: first }]);
          }
        }
        for (const [method, args] of calls) {
          const body = callMethod(state, method, { ...args, cursor }, token);
          expect(body, `${method} with cursor ${JSON.stringify(cursor)}`).toEqual({
            ok: false,
            error: 'invalid_cursor',
          });
        }
      }),
    );
  });

  it('answer invalid_cursor for well-formed cursors naming nothing in the workspace', () => {
    fc.assert(
      fc.property(randomWorkspaceArb(), fc.stringMatching(/^[A-Z0-9]{1,12}$/), (file, suffix) => {
        const state = new WorkspaceState(file);
        const token = randomUserToken(0);
        const missing = `Z${suffix}`;
        const list = callMethod(
          state,
          'conversations.list',
          { cursor: encodeCursor('team', missing) },
          token,
        );
        expect(list).toEqual({ ok: false, error: 'invalid_cursor' });
        const channel = file.conversations.find((c) => !c.is_private && !c.is_im);
        if (channel) {
          const members = callMethod(
            state,
            'conversations.members',
            { channel: channel.id, cursor: encodeCursor('user', missing) },
            token,
          );
          expect(members).toEqual({ ok: false, error: 'invalid_cursor' });
        }
      }),
    );
  });
});
