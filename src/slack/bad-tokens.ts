import { LRUCache } from 'lru-cache';
import { SlackPlatformError } from './errors.js';
import type { SlackApi } from './slack-api.js';

/**
 * Slack's answers that condemn the token itself, whatever the method: every later call with it
 * would get the same answer.
 * @see https://docs.slack.dev/reference/methods/auth.test#errors
 */
const BAD_TOKEN_CODES: ReadonlySet<string> = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** Whether `error` is Slack saying the token is no good (revoked, unknown, inactive, …). */
export function isBadTokenError(error: unknown): error is SlackPlatformError {
  return error instanceof SlackPlatformError && BAD_TOKEN_CODES.has(error.error);
}

export interface BadTokenOptions {
  /**
   * How long a bad token's answer is repeated without asking Slack. Short: a token that was
   * `account_inactive` may be reactivated.
   * @default 60_000
   */
  ttlMs?: number;
  /** Bad tokens remembered at most; the oldest go first. @default 10_000 */
  maxEntries?: number;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

interface Verdict {
  error: string;
  expiresAt: number;
}

/**
 * Remembers, per token hash (never the token), that Slack refused a token, and answers every
 * call with that token the same refusal without calling Slack until the verdict expires. So a
 * request with a random or revoked token costs at most one Slack call (the first refusal), and
 * repeating it costs none. Bounded in entries and in time.
 */
export function rememberBadTokens(
  inner: SlackApi,
  { ttlMs = 60_000, maxEntries = 10_000, now = Date.now }: BadTokenOptions = {},
): SlackApi {
  // `peek` leaves recency alone: the oldest verdict goes first once `maxEntries` are held.
  const verdicts = new LRUCache<string, Verdict>({ max: maxEntries });
  const known = (key: string): Verdict | undefined => {
    const verdict = verdicts.peek(key);
    if (verdict === undefined) return undefined;
    if (verdict.expiresAt > now()) return verdict;
    verdicts.delete(key);
    return undefined;
  };
  return {
    async call(method, args, token, options) {
      const key = token.hash;
      const verdict = known(key);
      if (verdict !== undefined) {
        throw new SlackPlatformError(method, { ok: false, error: verdict.error }, key);
      }
      try {
        return await inner.call(method, args, token, options);
      } catch (error) {
        if (isBadTokenError(error)) {
          verdicts.set(key, { error: error.error, expiresAt: now() + ttlMs });
        }
        throw error;
      }
    },
  };
}
