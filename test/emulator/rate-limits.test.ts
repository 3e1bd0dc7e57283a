import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/emulator.js';
import type { EmulatorConfig } from '../../src/emulator/emulator-config.js';
import { RateLimiter, TIER_CAPACITY } from '../../src/emulator/limits/rate-limiter.js';
import type { RateTier } from '../../src/emulator/methods/method-definition.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { slackCall } from '../helpers/emulator.js';

let emulator: EmulatorHandle | undefined;
let now = 1_700_000_000_000;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(config: Partial<EmulatorConfig> | undefined) {
  emulator = await startEmulator({ workspace: scenarioWorkspace(), config, clock: () => now });
  return emulator;
}

const usersList = (url: string, token: string = SCENARIO_TOKENS.alice) =>
  slackCall(url, 'users.list', { limit: 1 }, { token });

async function spend(url: string, calls: number, method = 'users.list') {
  for (let i = 0; i < calls; i += 1) {
    const { status } = await slackCall(url, method, {}, { token: SCENARIO_TOKENS.alice });
    expect(status).toBe(200);
  }
}

describe('rate limits over HTTP', () => {
  it('are off by default', async () => {
    const { url } = await start(undefined);
    await spend(url, TIER_CAPACITY.t2 + 5);
  });

  it('answer 429 with Retry-After and ratelimited once a tier-2 budget is spent', async () => {
    const { url } = await start({ rateLimits: true, rateWindowMs: 10_000 });
    await spend(url, TIER_CAPACITY.t2);
    const limited = await usersList(url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('count Retry-After down to the oldest call leaving the window, then allow again', async () => {
    const { url } = await start({ rateLimits: true, rateWindowMs: 60_000 });
    const start0 = now;
    await spend(url, TIER_CAPACITY.t2);
    now = start0 + 30_500;
    expect((await usersList(url)).headers.get('retry-after')).toBe('30');
    now = start0 + 59_999;
    expect((await usersList(url)).headers.get('retry-after')).toBe('1');
    now = start0 + 60_000;
    expect((await usersList(url)).status).toBe(200);
  });

  it('keep one bucket per method, shared by every token of the workspace', async () => {
    const { url } = await start({ rateLimits: true });
    await spend(url, TIER_CAPACITY.t2);
    expect((await usersList(url, SCENARIO_TOKENS.bob)).status).toBe(429);
    const other = await slackCall(
      url,
      'users.info',
      { user: 'U0BOB' },
      { token: SCENARIO_TOKENS.alice },
    );
    expect(other.status).toBe(200);
  });

  it("give auth.test Slack's special allowance of hundreds per window", async () => {
    const { url } = await start({ rateLimits: true });
    await spend(url, TIER_CAPACITY.special, 'auth.test');
    const limited = await slackCall(url, 'auth.test', {}, { token: SCENARIO_TOKENS.alice });
    expect(limited.status).toBe(429);
  });

  it('hold tokens of unlisted apps to one history and one replies call per window over HTTP', async () => {
    const { url } = await start({ rateLimits: true, rateWindowMs: 10_000 });
    const call = (method: string, token: string, args: Record<string, unknown>) =>
      slackCall(url, method, args, { token });
    const history = { channel: SCENARIO_IDS.conversations.general };
    const replies = { ...history, ts: SCENARIO_IDS.generalThread };
    expect((await call('conversations.history', SCENARIO_TOKENS.unlisted, history)).status).toBe(
      200,
    );
    const limited = await call('conversations.history', SCENARIO_TOKENS.unlisted, history);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect((await call('conversations.history', SCENARIO_TOKENS.alice, history)).status).toBe(200);
    expect((await call('conversations.replies', SCENARIO_TOKENS.unlisted, replies)).status).toBe(
      200,
    );
    expect((await call('conversations.replies', SCENARIO_TOKENS.unlisted, replies)).status).toBe(
      429,
    );
  });

  it('count 429s in the stats and can be switched on at runtime', async () => {
    const handle = await start(undefined);
    handle.configure({ rateLimits: true, rateWindowMs: 5_000 });
    await spend(handle.url, TIER_CAPACITY.t2);
    expect((await usersList(handle.url)).status).toBe(429);
    expect(handle.stats().calls['users.list']).toBe(TIER_CAPACITY.t2 + 1);
  });
});

describe('RateLimiter', () => {
  const subject = (method: string, tier: RateTier, unlisted = false) => ({
    teamId: 'T1',
    method,
    tier,
    distribution: unlisted ? ('unlisted' as const) : undefined,
  });

  it("limits unlisted apps to one conversations.history and conversations.replies call per window (Slack's 2025 rule)", () => {
    let clock = 0;
    const limiter = new RateLimiter(() => clock);
    for (const method of ['conversations.history', 'conversations.replies']) {
      expect(limiter.take(subject(method, 't3', true), 60_000)).toBeUndefined();
      expect(limiter.take(subject(method, 't3', true), 60_000)).toBe(60);
      expect(limiter.take(subject(method, 't3'), 60_000)).toBeUndefined();
    }
    expect(limiter.take(subject('conversations.info', 't3', true), 60_000)).toBeUndefined();
    expect(limiter.take(subject('conversations.info', 't3', true), 60_000)).toBeUndefined();
    clock = 60_000;
    expect(limiter.take(subject('conversations.history', 't3', true), 60_000)).toBeUndefined();
  });

  it('never admits more than the tier capacity within any window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RateTier>('t1', 't2', 't3'),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 200 }),
        (tier, gaps) => {
          let clock = 0;
          const limiter = new RateLimiter(() => clock);
          const admitted: number[] = [];
          for (const gap of gaps) {
            clock += gap;
            const retryAfter = limiter.take(subject('m', tier), 10_000);
            if (retryAfter === undefined) {
              admitted.push(clock);
            } else {
              // Refused only when the window really is full.
              expect(retryAfter).toBeGreaterThanOrEqual(1);
              const recent = admitted.filter((time) => time > clock - 10_000);
              expect(recent.length).toBe(TIER_CAPACITY[tier]);
            }
          }
          for (const [index, at] of admitted.entries()) {
            const inWindow = admitted.slice(index).filter((time) => time < at + 10_000);
            expect(inWindow.length).toBeLessThanOrEqual(TIER_CAPACITY[tier]);
          }
        },
      ),
    );
  });
});
