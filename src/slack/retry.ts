import { methodFacts, SLACK_METHODS, type SlackMethod } from './methods.js';

/**
 * When and how long the Slack client waits before trying a call again.
 *
 * - HTTP 429 means Slack did not process the request, so any method may wait `Retry-After` and
 *   try again.
 * - Transport failures, timeouts, 5xx and malformed bodies leave a write's outcome unknown, so
 *   only read methods (safe to repeat) are retried for those, with exponential backoff + jitter.
 *
 * Both kinds share one budget: at most `maxRetries` retries and `maxTotalWaitMs` of waiting.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 * @see https://github.com/slackapi/node-slack-sdk/blob/main/packages/web-api/src/retry-policies.ts
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Upper bound on the total time one call spends waiting between attempts. */
  readonly maxTotalWaitMs: number;
  /** Backoff before the first retry of a transient failure. */
  readonly minDelayMs: number;
  /** Cap of a single backoff delay. */
  readonly maxDelayMs: number;
  /** Growth of the backoff per retry. */
  readonly factor: number;
}

/** Production policy: 3 retries, 0.5 s doubling backoff, at most 30 s of waiting per call. */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxRetries: 3,
  maxTotalWaitMs: 30_000,
  minDelayMs: 500,
  maxDelayMs: 8_000,
  factor: 2,
});

/** Keeps tests fast: millisecond backoffs; still honours `Retry-After` (whole seconds) up to 5 s. */
export const rapidRetryPolicy: RetryPolicy = Object.freeze({
  maxRetries: 3,
  maxTotalWaitMs: 5_000,
  minDelayMs: 1,
  maxDelayMs: 10,
  factor: 2,
});

/**
 * Methods that only read, so repeating them after an unknown outcome is harmless. Everything
 * else (setTopic, create, invite, …) is retried only after a 429.
 */
export const READ_METHODS: readonly SlackMethod[] = (
  Object.keys(SLACK_METHODS) as SlackMethod[]
).filter((method) => SLACK_METHODS[method].kind === 'read');

/** Whether `method` may be repeated after a transport failure, timeout, 5xx or malformed body. */
export function isReadMethod(method: string): boolean {
  return methodFacts(method)?.kind === 'read';
}

/**
 * The wait before retry number `retry` (0-based) of a transient failure: exponential, capped,
 * with "equal jitter" (half fixed, half random) so concurrent callers spread out.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Reads `Retry-After` in milliseconds: Slack sends whole seconds; an HTTP date is accepted too.
 * A missing or unreadable header counts as one second (python-slack-sdk does the same).
 */
export function retryAfterMs(header: string | undefined, now: number): number {
  const value = header?.trim();
  if (value === undefined || value === '') return 1_000;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1_000 : Math.max(0, date - now);
}
