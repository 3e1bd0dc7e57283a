import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cheapestUserPlan, criticalPathHops } from '../../bench/lib/minimum.js';

const pages = [
  ['U1', 'U2', 'U3'],
  ['U4', 'U5', 'U6'],
  ['U7', 'U8'],
];

describe('cheapestUserPlan', () => {
  it('asks users.info for a single user rather than reading a page', () => {
    expect(cheapestUserPlan(new Set(['U5']), pages)).toEqual({ calls: 1, pages: 0, infoCalls: 1 });
  });

  it('reads one page when it holds several of the wanted users', () => {
    expect(cheapestUserPlan(new Set(['U1', 'U2', 'U3']), pages)).toEqual({
      calls: 1,
      pages: 1,
      infoCalls: 0,
    });
  });

  it('mixes pages and users.info when the last users sit on a late page', () => {
    // Two pages (U1, U2, U4, U5) then users.info for U8: 3 calls instead of 5 or 3 pages.
    expect(cheapestUserPlan(new Set(['U1', 'U2', 'U4', 'U5', 'U8']), pages)).toEqual({
      calls: 3,
      pages: 2,
      infoCalls: 1,
    });
  });

  it('costs nothing when no user is wanted', () => {
    expect(cheapestUserPlan(new Set(), pages)).toEqual({ calls: 0, pages: 0, infoCalls: 0 });
  });

  it('finds the cheapest of every prefix of pages', () => {
    const ids = Array.from({ length: 30 }, (_, index) => `U${index}`);
    const arbitrary = fc.record({
      wanted: fc.subarray(ids),
      pageSizes: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ wanted, pageSizes }) => {
        const split: string[][] = [];
        let offset = 0;
        for (const size of pageSizes) {
          split.push(ids.slice(offset, offset + size));
          offset += size;
        }
        const costs = split.map((_, index) => {
          const covered = new Set(split.slice(0, index + 1).flat());
          return index + 1 + wanted.filter((id) => !covered.has(id)).length;
        });
        const plan = cheapestUserPlan(new Set(wanted), split);
        expect(plan.calls).toBe(Math.min(wanted.length, ...costs));
        expect(plan.pages + plan.infoCalls).toBe(plan.calls);
      }),
    );
  });
});

describe('criticalPathHops', () => {
  it('counts list pages, then the per-conversation round in parallel with one users page', () => {
    expect(
      criticalPathHops({
        listPages: 1,
        perConversationHop: true,
        userPlan: { pages: 1, infoCalls: 0 },
        usersFromPerConversationHop: true,
      }),
    ).toBe(2);
  });

  it('adds a users.info round after members when users are fetched one by one', () => {
    expect(
      criticalPathHops({
        listPages: 2,
        perConversationHop: true,
        userPlan: { pages: 0, infoCalls: 12 },
        usersFromPerConversationHop: true,
      }),
    ).toBe(4);
  });

  it('chains users.list pages, since each needs the previous cursor', () => {
    expect(
      criticalPathHops({
        listPages: 1,
        perConversationHop: false,
        userPlan: { pages: 3, infoCalls: 0 },
        usersFromPerConversationHop: false,
      }),
    ).toBe(4);
  });
});
