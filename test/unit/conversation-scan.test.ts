import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createConversationScanner,
  grantedTypes,
  LIST_PAGE_COST,
  listTypes,
  shouldReadPage,
  typesForId,
} from '../../src/loaders/conversation-scan.js';
import type { SlackCaller } from '../../src/loaders/slack-caller.js';
import { SlackPlatformError } from '../../src/slack/errors.js';
import { SLACK_MAX_PAGE_LIMIT } from '../../src/slack/methods.js';
import type { SlackArgs } from '../../src/slack/slack-api.js';
import type { SlackConversation, SlackEnvelope } from '../../src/slack/wire-types.js';

/**
 * conversations.list over `ids` in order, `pageSize` rows a page (standing in for Slack's 999),
 * filtered by `types` after the cut as Slack does; records every call. `fail` decides a failure.
 */
function fakeList(
  ids: readonly string[],
  pageSize: number,
  fail: (args: SlackArgs) => Error | undefined = () => undefined,
) {
  const calls: SlackArgs[] = [];
  const call = (async (method: string, args: SlackArgs) => {
    if (method !== 'conversations.list') throw new Error(`unexpected ${method}`);
    calls.push(args);
    const failure = fail(args);
    if (failure) throw failure;
    const types = String(args.types).split(',');
    const start = args.cursor === undefined ? 0 : Number(args.cursor);
    const end = start + pageSize;
    const channels: SlackConversation[] = ids
      .slice(start, end)
      .filter((id) => typesForId(id).some((type) => types.includes(type)))
      .map((id) => ({ id, created: 1 }));
    const next = end < ids.length ? String(end) : '';
    return { ok: true, channels, response_metadata: { next_cursor: next } } as SlackEnvelope;
  }) as SlackCaller;
  return { call, calls };
}

const missingScope = (provided: string) =>
  new SlackPlatformError('conversations.list', {
    ok: false,
    error: 'missing_scope',
    needed: 'groups:read',
    provided,
  });

/** A workspace of distinct C IDs and the IDs a batch asks for (some not in it). */
const scanCase = fc
  .record({
    size: fc.integer({ min: 0, max: 60 }),
    pageSize: fc.integer({ min: 1, max: 20 }),
    strangers: fc.integer({ min: 0, max: 10 }),
    seed: fc.integer(),
  })
  .chain(({ size, pageSize, strangers }) => {
    const workspace = Array.from({ length: size }, (_, i) => `C${String(i).padStart(9, '0')}`);
    return fc.record({
      workspace: fc.constant(workspace),
      pageSize: fc.constant(pageSize),
      wanted: fc.subarray(workspace),
      strangers: fc.constant(
        Array.from({ length: strangers }, (_, i) => `C9${String(i).padStart(8, '0')}`),
      ),
    });
  });

describe('the decision between conversations.list pages and conversations.info', () => {
  it('prices a list page at the info calls its rate tier is worth (Tier 3 / Tier 2)', () => {
    expect(LIST_PAGE_COST).toBe(2.5);
  });

  it('reads no page for fewer than five IDs, and the first page for five or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (missing) => {
        expect(shouldReadPage({ pagesRead: 0, found: 0, missing })).toBe(missing >= 5);
      }),
    );
  });

  it('reads a further page only while the pages read have each found 2.5 wanted IDs on average', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 5, max: 200 }),
        (pagesRead, found, missing) => {
          expect(shouldReadPage({ pagesRead, found, missing })).toBe(
            found >= LIST_PAGE_COST * pagesRead,
          );
        },
      ),
    );
  });

  it('never costs more than one page over conversations.info for every ID, in rate budget or calls', async () => {
    await fc.assert(
      fc.asyncProperty(scanCase, async ({ workspace, pageSize, wanted, strangers }) => {
        const ids = [...wanted, ...strangers];
        const { call, calls } = fakeList(workspace, pageSize);
        const found = await createConversationScanner(call, () => {}).scan(ids);
        const infoCalls = ids.length - found.size;
        expect(LIST_PAGE_COST * calls.length + infoCalls).toBeLessThanOrEqual(
          ids.length + LIST_PAGE_COST,
        );
        expect(calls.length + infoCalls).toBeLessThanOrEqual(ids.length + 1);
        // Whatever it found is what was asked for, as the list holds it.
        for (const [id, conversation] of found) {
          expect(ids).toContain(id);
          expect(conversation.id).toBe(id);
        }
      }),
    );
  });

  it('finds every ID of a batch of five or more that the first page holds, with that page alone', async () => {
    await fc.assert(
      fc.asyncProperty(scanCase, async ({ workspace, pageSize, wanted }) => {
        const firstPage = wanted.filter((id) => workspace.indexOf(id) < pageSize);
        fc.pre(firstPage.length >= 5);
        const { call, calls } = fakeList(workspace, pageSize);
        const found = await createConversationScanner(call, () => {}).scan(firstPage);
        expect([...found.keys()].sort()).toEqual([...firstPage].sort());
        expect(calls).toHaveLength(1);
      }),
    );
  });

  it('pages on while pages pay, and leaves the last few IDs to conversations.info', async () => {
    const workspace = Array.from({ length: 50 }, (_, i) => `C${String(i).padStart(9, '0')}`);
    // Every third ID: 17 of them, 3 or 4 a page of 10.
    const wanted = workspace.filter((_, i) => i % 3 === 0);
    const { call, calls } = fakeList(workspace, 10);
    const found = await createConversationScanner(call, () => {}).scan(wanted);
    // After 4 pages, 14 found; the 3 left (42, 45, 48) cost less as info calls than a page.
    expect(found.size).toBe(14);
    expect(calls.map((args) => args.cursor)).toEqual([undefined, '10', '20', '30']);
  });

  it('asks for the largest page, the types the IDs can be, and the same arguments on every page', async () => {
    const workspace = Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'D' : 'C'}00000000${i}`);
    const { call, calls } = fakeList(workspace, 4);
    const primed: string[] = [];
    const found = await createConversationScanner(call, (page) =>
      primed.push(...page.map((c) => c.id)),
    ).scan(workspace);
    // Two pages of 4 find 8; the 4 left are fewer than a page could pay for.
    expect(found.size).toBe(8);
    const types = 'public_channel,private_channel,mpim,im';
    expect(calls).toEqual([
      { types, limit: SLACK_MAX_PAGE_LIMIT },
      { types, limit: SLACK_MAX_PAGE_LIMIT, cursor: '4' },
    ]);
    expect(primed).toEqual(workspace.slice(0, 8));
  });

  it('derives the list types from ID prefixes, in Slack’s order, and none for other IDs', () => {
    expect(typesForId('C0GENERAL')).toEqual(['public_channel', 'private_channel', 'mpim']);
    expect(typesForId('G0LEGACY01')).toEqual(['private_channel', 'mpim']);
    expect(typesForId('D0ALICEBOB')).toEqual(['im']);
    expect(typesForId('U0ALICE')).toEqual([]);
    expect(listTypes(['D1', 'G1'])).toEqual(['private_channel', 'mpim', 'im']);
    expect(listTypes(['D1'])).toEqual(['im']);
    expect(listTypes(['C1', 'D1'], new Set(['public_channel', 'im']))).toEqual([
      'public_channel',
      'im',
    ]);
  });

  it('narrows the types to the scopes Slack says the token holds after missing_scope, and only then', () => {
    const requested = ['public_channel', 'private_channel', 'mpim'] as const;
    expect(grantedTypes(missingScope('channels:read,users:read'), requested)).toEqual(
      new Set(['public_channel']),
    );
    expect(grantedTypes(missingScope('users:read'), requested)).toEqual(new Set());
    // Every requested type is granted: asking again would fail the same way.
    expect(
      grantedTypes(missingScope('channels:read,groups:read,mpim:read'), requested),
    ).toBeUndefined();
    const other = new SlackPlatformError('conversations.list', { ok: false, error: 'fatal_error' });
    expect(grantedTypes(other, requested)).toBeUndefined();
    expect(grantedTypes(new Error('socket hang up'), requested)).toBeUndefined();
  });

  it('asks again with the granted types after missing_scope, and remembers them for the request', async () => {
    const ids = ['C000000001', 'C000000002', 'C000000003', 'C000000004', 'C000000005'];
    const { call, calls } = fakeList(ids, 10, (args) =>
      args.types === 'public_channel' ? undefined : missingScope('channels:read'),
    );
    const scanner = createConversationScanner(call, () => {});
    expect((await scanner.scan(ids)).size).toBe(5);
    expect(calls.map((args) => args.types)).toEqual([
      'public_channel,private_channel,mpim',
      'public_channel',
    ]);
    await scanner.scan(ids);
    expect(calls.map((args) => args.types).slice(2)).toEqual(['public_channel']);
    // IDs only types the token cannot list can be are left to conversations.info at once.
    expect((await scanner.scan(['D1', 'D2', 'D3', 'D4', 'D5'])).size).toBe(0);
    expect(calls).toHaveLength(3);
  });

  it('keeps what pages found before a failure, and scans no more in that request', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `C${String(i).padStart(9, '0')}`);
    const { call, calls } = fakeList(ids, 10, (args) =>
      args.cursor === '10' ? new Error('ECONNRESET') : undefined,
    );
    const scanner = createConversationScanner(call, () => {});
    expect((await scanner.scan(ids)).size).toBe(10);
    expect(calls).toHaveLength(2);
    expect((await scanner.scan(ids)).size).toBe(0);
    expect(calls).toHaveLength(2);
  });
});
