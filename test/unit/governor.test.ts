import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackErrorToGraphQLError } from '../../src/errors.js';
import { SlackRateLimitedError } from '../../src/slack/errors.js';
import { createGovernor, type Governor, type Permit } from '../../src/slack/governor/governor.js';
import { createRateTable } from '../../src/slack/governor/rate-table.js';
import type { WorkspaceResolver } from '../../src/slack/governor/workspace-resolver.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import { FakeClock, flush } from './governor-fake-clock.js';

/** Tokens named `<team>-<user>` belong to `<team>`. */
const byPrefix: WorkspaceResolver = {
  resolve: (token) => Promise.resolve(token.value.split('-')[0] as string),
};

function governorWith(
  clock: FakeClock,
  overrides: Record<string, number>,
  windowMs: number,
  maxWaitMs = 1_000_000,
): Governor {
  return createGovernor({
    limits: createRateTable({ windowMs, overrides }),
    workspaces: byPrefix,
    maxWaitMs,
    clock,
  });
}

/** Collects permits as they are granted. */
function track(promise: Promise<Permit>): { permit?: Permit; error?: unknown } {
  const state: { permit?: Permit; error?: unknown } = {};
  promise.then(
    (permit) => {
      state.permit = permit;
    },
    (error: unknown) => {
      state.error = error;
    },
  );
  return state;
}

describe('the governor', () => {
  it('never lets a bucket exceed its budget in any window, and serves every call in order', async () => {
    const call = fc.record({
      gap: fc.integer({ min: 0, max: 300 }),
      duration: fc.integer({ min: 0, max: 400 }),
      retryAfter: fc.option(fc.integer({ min: 1, max: 2_000 }), { freq: 5 }),
      // Where between send and answer the call reaches Slack (0 = at once, 1 = just before
      // the answer leaves): the network delay each way is unknown to the governor.
      arrival: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 50, max: 1_000 }),
        fc.array(call, { minLength: 1, maxLength: 40 }),
        async (budget, windowMs, calls) => {
          const clock = new FakeClock();
          const governor = governorWith(clock, { 'conversations.info': budget }, windowMs);
          const spans: { sent: number; answered: number; arrived: number }[] = [];
          const admittedOrder: number[] = [];
          let done = 0;
          calls.forEach((spec, index) => {
            clock.setTimer(
              () => {
                governor.admit('conversations.info', new SlackToken('T1-alice')).then((permit) => {
                  const sent = clock.now();
                  admittedOrder.push(index);
                  clock.setTimer(() => {
                    const answered = clock.now();
                    const arrived = sent + spec.arrival * (answered - sent);
                    spans.push({ sent, answered, arrived });
                    if (spec.retryAfter === null) permit.release();
                    else permit.rateLimited(spec.retryAfter);
                    done += 1;
                  }, spec.duration);
                });
              },
              calls.slice(0, index + 1).reduce((sum, c) => sum + c.gap, 0),
            );
          });
          for (let guard = 0; done < calls.length && guard < 10_000; guard++) {
            const next = clock.nextAt();
            if (next === undefined) break;
            await clock.advance(next - clock.now());
          }
          expect(done).toBe(calls.length);
          expect(admittedOrder).toEqual(calls.map((_, index) => index));
          // A call holds its slot from send until a window after its answer; Slack counts it
          // somewhere in between, so at most `budget` slots may ever be held at once.
          for (const { sent } of spans) {
            const held = spans.filter((s) => s.sent <= sent && sent < s.answered + windowMs);
            expect(held.length).toBeLessThanOrEqual(budget);
          }
          // Slack's own view: counting each call when it arrives, no sliding window
          // (t - windowMs, t] ever holds more than the budget, 429'd calls included.
          for (const { arrived } of spans) {
            const seen = spans.filter(
              (s) => arrived - windowMs < s.arrived && s.arrived <= arrived,
            );
            expect(seen.length).toBeLessThanOrEqual(budget);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('makes calls wait for budget instead of sending them', async () => {
    const clock = new FakeClock();
    const governor = governorWith(clock, { 'users.info': 2 }, 1_000);
    const first = track(governor.admit('users.info', new SlackToken('T1-alice')));
    const second = track(governor.admit('users.info', new SlackToken('T1-bob')));
    const third = track(governor.admit('users.info', new SlackToken('T1-alice')));
    await flush();
    expect(first.permit).toBeDefined();
    expect(second.permit).toBeDefined();
    expect(third.permit).toBeUndefined();
    first.permit?.release();
    second.permit?.release();
    await clock.advance(999);
    expect(third.permit).toBeUndefined();
    await clock.advance(1);
    expect(third.permit).toBeDefined();
  });

  it('pauses only the bucket that got a 429, for Retry-After', async () => {
    const clock = new FakeClock();
    const governor = governorWith(clock, {}, 60_000);
    const limited = track(governor.admit('conversations.info', new SlackToken('T1-alice')));
    await flush();
    limited.permit?.rateLimited(5_000);

    const sameBucket = track(governor.admit('conversations.info', new SlackToken('T1-bob')));
    const otherMethod = track(governor.admit('users.info', new SlackToken('T1-alice')));
    const otherWorkspace = track(governor.admit('conversations.info', new SlackToken('T2-carol')));
    await flush();
    expect(otherMethod.permit).toBeDefined();
    expect(otherWorkspace.permit).toBeDefined();
    expect(sameBucket.permit).toBeUndefined();

    await clock.advance(4_999);
    expect(sameBucket.permit).toBeUndefined();
    await clock.advance(1);
    expect(sameBucket.permit).toBeDefined();
  });

  it('fails fast with RATE_LIMITED and retryAfter when the wait would pass the deadline', async () => {
    const clock = new FakeClock();
    const governor = governorWith(clock, { 'conversations.list': 1 }, 60_000, 10_000);
    const first = track(governor.admit('conversations.list', new SlackToken('T1-alice')));
    await flush();
    first.permit?.release();
    const error = await governor
      .admit('conversations.list', new SlackToken('T1-alice'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect((error as SlackRateLimitedError).retryAfter).toBe(60);
    const mapped = slackErrorToGraphQLError(error);
    expect(mapped?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 60 });
  });

  it('fails a queued call once a 429 pause pushes it past its deadline', async () => {
    const clock = new FakeClock();
    const governor = governorWith(clock, { 'users.info': 1 }, 1_000, 5_000);
    const first = track(governor.admit('users.info', new SlackToken('T1-alice')));
    await flush();
    const queued = track(governor.admit('users.info', new SlackToken('T1-alice')));
    await flush();
    expect(queued.permit).toBeUndefined();
    first.permit?.rateLimited(30_000);
    await flush();
    expect(queued.error).toBeInstanceOf(SlackRateLimitedError);
    expect((queued.error as SlackRateLimitedError).retryAfter).toBe(30);
  });

  it('fails a queued call at its deadline when calls in flight never come back', async () => {
    const clock = new FakeClock();
    const governor = governorWith(clock, { 'users.info': 1 }, 1_000, 5_000);
    track(governor.admit('users.info', new SlackToken('T1-alice')));
    await flush();
    const queued = track(governor.admit('users.info', new SlackToken('T1-alice')));
    await clock.advance(4_999);
    expect(queued.error).toBeUndefined();
    await clock.advance(1);
    expect(queued.error).toBeInstanceOf(SlackRateLimitedError);
  });

  it('keeps auth.test in a bucket per token, since it is what finds the workspace', async () => {
    const clock = new FakeClock();
    const resolved: string[] = [];
    const governor = createGovernor({
      limits: createRateTable({ overrides: { 'auth.test': 1 } }),
      workspaces: {
        resolve: (token) => {
          resolved.push(token.value);
          return Promise.resolve('T1');
        },
      },
      clock,
    });
    const alice = track(governor.admit('auth.test', new SlackToken('T1-alice')));
    const bob = track(governor.admit('auth.test', new SlackToken('T1-bob')));
    await flush();
    expect(alice.permit).toBeDefined();
    expect(bob.permit).toBeDefined();
    expect(resolved).toEqual([]);
  });

  it('paces a token whose workspace cannot be found on its own', async () => {
    const clock = new FakeClock();
    const governor = createGovernor({
      limits: createRateTable({ overrides: { 'users.info': 1 } }),
      workspaces: { resolve: () => Promise.reject(new Error('invalid_auth')) },
      clock,
    });
    const revoked = track(governor.admit('users.info', new SlackToken('xoxp-revoked')));
    const other = track(governor.admit('users.info', new SlackToken('xoxp-other')));
    await flush();
    expect(revoked.permit).toBeDefined();
    expect(other.permit).toBeDefined();
  });
});

describe('the governor, admitting without waiting', () => {
  /** Knows every `<team>-<user>` token's team once `resolve` answered it, like the real resolver. */
  const learning = (): WorkspaceResolver => {
    const teams = new Map<string, string>();
    return {
      resolve: (token) => {
        const team = token.value.split('-')[0] as string;
        return Promise.resolve(team).then((answer) => {
          teams.set(token.hash, answer);
          return answer;
        });
      },
      known: (token) => teams.get(token.hash),
    };
  };

  it('grants a permit at once only for a known workspace with budget and nobody queued', async () => {
    const clock = new FakeClock();
    const governor = createGovernor({
      limits: createRateTable({ windowMs: 1_000, overrides: { 'conversations.members': 2 } }),
      workspaces: learning(),
      clock,
    });
    const alice = new SlackToken('T1-alice');
    const bob = new SlackToken('T1-bob');
    // The workspace is unknown until auth.test answered: the call must wait for admit().
    expect(governor.tryAdmit?.('conversations.members', alice)).toBeUndefined();
    (await governor.admit('conversations.members', alice)).release();
    // Now known, for every token of the team that was resolved.
    const first = governor.tryAdmit?.('conversations.members', alice);
    expect(first).toBeDefined();
    first?.release();
    // Two answered calls fill the window of 2: no permit at once, and none for another token
    // whose workspace was never resolved.
    expect(governor.tryAdmit?.('conversations.members', alice)).toBeUndefined();
    expect(governor.tryAdmit?.('conversations.members', bob)).toBeUndefined();
    // The waiting is admit()'s: it queues and is served once the window frees a slot.
    const queued = track(governor.admit('conversations.members', alice));
    await flush();
    expect(queued.permit).toBeUndefined();
    await clock.advance(1_000);
    expect(queued.permit).toBeDefined();
    // auth.test is paced per token and needs no workspace.
    expect(governor.tryAdmit?.('auth.test', bob)).toBeDefined();
  });
});
