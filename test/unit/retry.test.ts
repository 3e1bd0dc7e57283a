import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  isReadMethod,
  retryAfterMs,
} from '../../src/slack/retry.js';

describe('isReadMethod', () => {
  it('allows repeating reads', () => {
    for (const method of [
      'conversations.list',
      'conversations.history',
      'users.info',
      'auth.test',
    ]) {
      expect(isReadMethod(method)).toBe(true);
    }
  });

  it('never allows repeating writes', () => {
    for (const method of ['conversations.setTopic', 'conversations.create', 'users.setPresence']) {
      expect(isReadMethod(method)).toBe(false);
    }
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap', () => {
    const noJitter = () => 1;
    expect(backoffDelayMs(defaultRetryPolicy, 0, noJitter)).toBe(500);
    expect(backoffDelayMs(defaultRetryPolicy, 1, noJitter)).toBe(1_000);
    expect(backoffDelayMs(defaultRetryPolicy, 10, noJitter)).toBe(8_000);
  });

  it('stays between half and all of the ceiling whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, r) => {
          const ceiling = Math.min(8_000, 500 * 2 ** retry);
          const delay = backoffDelayMs(defaultRetryPolicy, retry, () => r);
          expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});

describe('retryAfterMs', () => {
  it('reads whole seconds', () => {
    expect(retryAfterMs('30', 0)).toBe(30_000);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
  });

  it('falls back to one second for a missing or unreadable header', () => {
    expect(retryAfterMs(undefined, 0)).toBe(1_000);
    expect(retryAfterMs('soon', 0)).toBe(1_000);
  });
});
