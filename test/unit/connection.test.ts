import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConnectionArgs,
  resolveSlackConnection,
  type SlackConnection,
} from '../../src/graphql/connection.js';
import { createCursorSealer } from '../../src/graphql/cursor-seal.js';
import type { PageRequest, SlackPage } from '../../src/loaders/index.js';

const sealer = createCursorSealer(new Uint8Array(32).fill(7));
const BINDING = 'Query.conversations|test';

interface Row {
  id: number;
  visible: boolean;
}

/**
 * A Slack-like collection: a cursor names a start row; a page selects `limit` rows from there,
 * then drops hidden rows (as `exclude_archived` does after paging); for some (start, limit)
 * pairs it examines fewer rows (Slack may return fewer items than asked). `next_cursor` is non-empty
 * while rows remain, so pages may be short or empty with a cursor. Replies are deterministic.
 */
function fakeSlack(rows: readonly Row[], shortSeed: number, maxLimit: number, widen = false) {
  const calls: PageRequest[] = [];
  const fetchPage = async (request: PageRequest): Promise<SlackPage<number>> => {
    // `widen`: the loader of a method that filters after the cut always asks for the maximum.
    const { cursor } = request;
    const limit = widen ? maxLimit : request.limit;
    calls.push({ cursor, limit });
    expect(Number.isInteger(limit) && limit >= 1 && limit <= maxLimit).toBe(true);
    const start = cursor === '' ? 0 : Number(cursor.slice('row:'.length));
    // A short page examines fewer rows than asked, as Slack may; it never loses rows.
    const short = (start * 31 + limit * 17 + shortSeed) % 4 === 0;
    const end = Math.min(start + (short ? Math.max(1, limit >> 1) : limit), rows.length);
    const items = rows.slice(start, end).filter((row) => row.visible);
    const nextCursor = end < rows.length ? `row:${end}` : '';
    return { items: items.map((row) => row.id), nextCursor, ...(widen ? { limit } : {}) };
  };
  return { calls, fetchPage };
}

async function page(
  slack: ReturnType<typeof fakeSlack>,
  args: ConnectionArgs,
  maxLimit: number,
  filtersAfterCut = false,
): Promise<SlackConnection<number>> {
  return resolveSlackConnection({
    args,
    binding: BINDING,
    maxLimit,
    filtersAfterCut,
    fetchPage: slack.fetchPage,
    sealer,
  });
}

const rowsArbitrary = fc
  .array(fc.boolean(), { maxLength: 60 })
  .map((flags) => flags.map((visible, id) => ({ id, visible })));

describe('resolveSlackConnection', () => {
  it('pages through any collection exactly, for any sequence of first values', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArbitrary,
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.nat(3),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.boolean(),
        async (rows, firsts, shortSeed, maxLimit, widen, filtersAfterCut) => {
          const slack = fakeSlack(rows, shortSeed, maxLimit, widen);
          const expected = rows.filter((row) => row.visible).map((row) => row.id);
          const seen: number[] = [];
          let after: string | null = null;
          for (const first of firsts) {
            const result = await page(slack, { first, after }, maxLimit, filtersAfterCut);
            const ids = result.edges.map((edge) => edge.node);
            expect(ids).toEqual(expected.slice(seen.length, seen.length + first));
            seen.push(...ids);
            expect(result.pageInfo.hasNextPage).toBe(seen.length < expected.length);
            if (result.pageInfo.endCursor !== null) after = result.pageInfo.endCursor;
          }
          // Drain the rest with the default page size: nothing skipped, nothing repeated.
          for (;;) {
            const result = await page(slack, { after }, maxLimit);
            seen.push(...result.edges.map((edge) => edge.node));
            if (!result.pageInfo.hasNextPage) break;
            after = result.pageInfo.endCursor;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('resumes exactly after any edge cursor, not only endCursor', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArbitrary,
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.integer({ min: 0, max: 10 }),
        fc.nat(3),
        fc.boolean(),
        fc.boolean(),
        async (rows, first, pick, next, shortSeed, widen, filtersAfterCut) => {
          const slack = fakeSlack(rows, shortSeed, 5, widen);
          const expected = rows.filter((row) => row.visible).map((row) => row.id);
          const result = await page(slack, { first }, 5, filtersAfterCut);
          fc.pre(result.edges.length > 0);
          const index = pick % result.edges.length;
          const edge = result.edges[index];
          const resumed = await page(slack, { first: next, after: edge?.cursor }, 5);
          expect(resumed.edges.map((e) => e.node)).toEqual(
            expected.slice(index + 1, index + 1 + next),
          );
          expect(resumed.pageInfo.hasNextPage).toBe(index + 1 + next < expected.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps fetching through empty pages that still carry a next_cursor', async () => {
    const rows = [
      ...Array.from({ length: 9 }, (_, id) => ({ id, visible: false })),
      { id: 9, visible: true },
    ];
    const slack = fakeSlack(rows, 1, 2);
    const result = await page(slack, { first: 1 }, 2);
    expect(result.edges.map((edge) => edge.node)).toEqual([9]);
    expect(result.pageInfo.hasNextPage).toBe(false);
  });

  it('answers hasNextPage false when only hidden rows follow the last edge', async () => {
    const rows = [
      { id: 0, visible: true },
      ...Array.from({ length: 5 }, (_, i) => ({ id: i + 1, visible: false })),
    ];
    const slack = fakeSlack(rows, 1, 100);
    const result = await page(slack, { first: 1 }, 100);
    expect(result.edges.map((edge) => edge.node)).toEqual([0]);
    expect(result.pageInfo.hasNextPage).toBe(false);
  });

  it('costs one Slack call when the first page holds first + 1 items', async () => {
    const rows = Array.from({ length: 300 }, (_, id) => ({ id, visible: true }));
    const slack = fakeSlack(rows, 1, 999);
    const result = await page(slack, { first: 200 }, 999);
    expect(result.edges).toHaveLength(200);
    expect(result.pageInfo.hasNextPage).toBe(true);
    expect(slack.calls).toEqual([{ cursor: '', limit: 201 }]);
  });

  it('asks for first + 1 on a first page, twice that where the method filters after the cut', async () => {
    const rows = Array.from({ length: 300 }, (_, id) => ({ id, visible: id % 5 !== 0 }));
    const plain = fakeSlack(rows, 3, 999);
    await page(plain, { first: 50 }, 999);
    const filtering = fakeSlack(rows, 3, 999);
    const result = await page(filtering, { first: 50 }, 999, true);
    expect(result.edges).toHaveLength(50);
    expect(plain.calls).toEqual([
      { cursor: '', limit: 51 },
      { cursor: 'row:51', limit: 999 },
    ]);
    expect(filtering.calls).toEqual([{ cursor: '', limit: 102 }]);
    const large = fakeSlack(rows, 3, 999);
    await page(large, { first: 600 }, 999, true);
    expect(large.calls[0]).toEqual({ cursor: '', limit: 999 });
  });

  it('records in edge cursors the limit a widening loader sent, and resumes from them', async () => {
    const rows = Array.from({ length: 30 }, (_, id) => ({ id, visible: id % 3 !== 0 }));
    const slack = fakeSlack(rows, 1, 999, true);
    const first = await page(slack, { first: 4 }, 999);
    const end = first.pageInfo.endCursor as string;
    expect(sealer.open(end, BINDING)).toBe('["",999,3]');
    const second = await page(slack, { first: 4, after: first.pageInfo.endCursor }, 999);
    expect(second.edges.map((edge) => edge.node)).toEqual([7, 8, 10, 11]);
    expect(slack.calls).toEqual([
      { cursor: '', limit: 999 },
      { cursor: '', limit: 999 },
    ]);
  });

  it('seals a cursor only when it is read, and once per edge', async () => {
    const seals: string[] = [];
    const counting = {
      seal: (payload: string, binding: string) => {
        seals.push(payload);
        return sealer.seal(payload, binding);
      },
      open: sealer.open,
    };
    const rows = Array.from({ length: 50 }, (_, id) => ({ id, visible: true }));
    const slack = fakeSlack(rows, 1, 999);
    const result = await resolveSlackConnection({
      args: { first: 20 },
      binding: BINDING,
      maxLimit: 999,
      fetchPage: slack.fetchPage,
      sealer: counting,
    });
    expect(result.edges.map((edge) => edge.node)).toHaveLength(20);
    expect(seals).toEqual([]);
    const end = result.pageInfo.endCursor;
    expect(end).toBe(result.edges[19]?.cursor);
    expect(seals).toHaveLength(1);
    const resumed = await page(slack, { first: 1, after: end }, 999);
    expect(resumed.edges.map((edge) => edge.node)).toEqual([20]);
  });

  it('defaults first to 100 and reports start and end cursors', async () => {
    const rows = Array.from({ length: 150 }, (_, id) => ({ id, visible: true }));
    const slack = fakeSlack(rows, 1, 999);
    const result = await page(slack, {}, 999);
    expect(result.edges).toHaveLength(100);
    expect(result.pageInfo.startCursor).toBe(result.edges[0]?.cursor);
    expect(result.pageInfo.endCursor).toBe(result.edges[99]?.cursor);
    expect(result.pageInfo.hasPreviousPage).toBe(false);
  });

  it('returns no edges and null cursors for an empty collection', async () => {
    const slack = fakeSlack([], 1, 10);
    const result = await page(slack, { first: 5 }, 10);
    expect(result.edges).toEqual([]);
    expect(result.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it.each([
    [{ last: 1 }, /forward-only/],
    [{ before: 'x' }, /forward-only/],
    [{ first: -1 }, /from 0 to 1000/],
    [{ first: 1001 }, /from 0 to 1000/],
    [{ after: 'not-a-cursor' }, /not a cursor of this connection/],
  ])('refuses %j with BAD_USER_INPUT and no Slack call', async (args, message) => {
    const slack = fakeSlack([{ id: 0, visible: true }], 1, 10);
    const failure = page(slack, args, 10);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(slack.calls).toEqual([]);
  });

  it('refuses a cursor of another connection, another sealer or with a tampered payload', async () => {
    const rows = Array.from({ length: 5 }, (_, id) => ({ id, visible: true }));
    const slack = fakeSlack(rows, 1, 10);
    const { pageInfo } = await page(slack, { first: 2 }, 10);
    const cursor = pageInfo.endCursor as string;
    slack.calls.length = 0;
    const [payload, mac] = cursor.split('.');
    const tampered = `${Buffer.from('["row:0",3,0]').toString('base64url')}.${mac}`;
    const foreign = createCursorSealer(new Uint8Array(32).fill(9));
    const results = await Promise.allSettled([
      resolveSlackConnection({
        args: { after: cursor },
        binding: 'other',
        maxLimit: 10,
        fetchPage: slack.fetchPage,
        sealer,
      }),
      resolveSlackConnection({
        args: { after: cursor },
        binding: BINDING,
        maxLimit: 10,
        fetchPage: slack.fetchPage,
        sealer: foreign,
      }),
      page(slack, { after: tampered }, 10),
      page(slack, { after: `${payload}.` }, 10),
    ]);
    for (const result of results) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { extensions: { code: 'BAD_USER_INPUT' } },
      });
    }
    expect(slack.calls).toEqual([]);
  });
});
