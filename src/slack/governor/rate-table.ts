import { methodFacts } from '../methods.js';

/** A budget: at most `calls` calls in any window of `windowMs`. */
export interface BucketLimit {
  readonly calls: number;
  readonly windowMs: number;
}

/** Slack's published tiers, as calls per minute (the floor of "N+ per minute"). */
export const TIER_CALLS_PER_MINUTE = Object.freeze({ t1: 1, t2: 20, t3: 50, t4: 100 });

/** `auth.test` is "Special: hundreds of requests per minute"; the governor takes the low end. */
const AUTH_TEST_CALLS_PER_MINUTE = 200;

export interface RateTableOptions {
  /**
   * Length of a rate window. Slack's is one minute; tests against an emulator with a compressed
   * window pass the same compressed length (budgets stay "per window").
   * @default 60_000
   */
  windowMs?: number;
  /** Calls per window by method name; wins over the tier defaults. */
  overrides?: Readonly<Record<string, number>>;
  /**
   * Apply Slack's 2025 rule for commercially distributed apps outside the Marketplace:
   * `conversations.history` and `conversations.replies` at 1 call per window. An override wins.
   * @see https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
   * @default false
   */
  unlistedApp?: boolean;
}

/** Maps a Slack method to its budget per (workspace, method) bucket. */
export type RateTable = (method: string) => BucketLimit;

/** Builds the method → budget lookup from Slack's tiers, the 2025 option and overrides. */
export function createRateTable({
  windowMs = 60_000,
  overrides = {},
  unlistedApp = false,
}: RateTableOptions = {}): RateTable {
  const limits = new Map<string, BucketLimit>();
  return (method) => {
    let limit = limits.get(method);
    if (limit === undefined) {
      const calls = overrides[method] ?? defaultCalls(method, unlistedApp);
      limit = Object.freeze({ calls, windowMs });
      limits.set(method, limit);
    }
    return limit;
  };
}

/**
 * Slack's budget for `method` (src/slack/methods.ts). A method the table lacks gets Tier 2, the
 * strictest tier in this family, so it cannot overrun Slack by default.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
function defaultCalls(method: string, unlistedApp: boolean): number {
  const facts = methodFacts(method);
  if (facts === undefined) return TIER_CALLS_PER_MINUTE.t2;
  if (unlistedApp && facts.limitedForUnlistedApps) return TIER_CALLS_PER_MINUTE.t1;
  return facts.tier === 'special' ? AUTH_TEST_CALLS_PER_MINUTE : TIER_CALLS_PER_MINUTE[facts.tier];
}

/**
 * Reads `method=calls` pairs separated by commas (e.g. `conversations.history=1,users.info=80`),
 * as `SLACK_RATE_LIMITS` carries them. Each problem is pushed to `problems`.
 */
export function parseRateOverrides(
  raw: string | undefined,
  problems: string[],
  variable = 'SLACK_RATE_LIMITS',
): Readonly<Record<string, number>> {
  const overrides: Record<string, number> = {};
  for (const pair of (raw ?? '').split(',')) {
    const entry = pair.trim();
    if (entry === '') continue;
    const match = /^([a-zA-Z]+(?:\.[a-zA-Z]+)+)\s*=\s*(\d+)$/.exec(entry);
    const calls = Number(match?.[2]);
    if (match === null || !Number.isSafeInteger(calls) || calls < 1) {
      problems.push(`${variable} entries must look like conversations.info=50, got "${entry}"`);
      continue;
    }
    overrides[match[1] as string] = calls;
  }
  return Object.freeze(overrides);
}
