/**
 * Environment settings for our gateway in the benchmark (the variables of src/config.ts).
 *
 * Slack's real budgets would make a 200-conversation query wait minutes (conversations.members
 * allows about 100 calls a minute), so outside the rate-limit scenario the governor stays on but
 * its budgets are raised far above what a run sends, and the pool is wide enough that the 50 ms
 * latency scenario is bound by its hops, not by sockets. The rate-limit scenario uses Slack's
 * tier budgets over the same compressed window as the emulator.
 *
 * The members shape of the targets table (200 conversations × 5 members) has a worst-case
 * estimate of about 1,400 Slack calls, over the default per-operation budget (`SLACK_CALL_BUDGET`,
 * 1,000), so the benchmark raises that budget: it measures what the query costs, not the refusal.
 */

/** Every method the benchmark's queries call. */
const METHODS = [
  'auth.test',
  'team.info',
  'conversations.list',
  'conversations.info',
  'conversations.members',
  'conversations.history',
  'conversations.replies',
  'users.conversations',
  'users.info',
  'users.list',
];

export const UNCONSTRAINED_GATEWAY_ENV: Readonly<Record<string, string>> = Object.freeze({
  SLACK_MAX_CONNECTIONS: '256',
  SLACK_GOVERNOR: 'on',
  SLACK_CALL_BUDGET: '5000',
  SLACK_RATE_LIMITS: METHODS.map((method) => `${method}=1000000`).join(','),
});

/** Tier defaults over a window of `windowMs`, as the emulator enforces them. */
export function tierLimitedGatewayEnv(windowMs: number): Readonly<Record<string, string>> {
  return { SLACK_GOVERNOR: 'on', SLACK_RATE_WINDOW_MS: String(windowMs), SLACK_RATE_LIMITS: '' };
}
