import { LRUCache } from 'lru-cache';
import type { SlackToken } from '../slack/slack-token.js';

/**
 * The scopes Slack says each token holds, from the `X-OAuth-Scopes` header of its answers. The
 * user directory keys on them (src/cache/user-directory-key.ts): two tokens share users only when
 * their scope sets are equal, and `users:read.email` alone decides whether emails are shown.
 * @see https://docs.slack.dev/authentication/tokens
 */
export interface GrantedScopes {
  /** Records the `X-OAuth-Scopes` header (comma-separated) of an answer to `token`'s call. */
  record(token: SlackToken, header: string): void;
  /**
   * The token's scopes as Slack last reported them, sorted and unique; `undefined` when no
   * answer of this process carried them recently (the directory then stays out of the way).
   */
  of(token: SlackToken): readonly string[] | undefined;
}

export interface GrantedScopesOptions {
  /**
   * How long a report stands without a newer one. Every Slack answer renews it, so this bounds
   * how long a token that lost a scope could still be taken to hold it while it calls nothing.
   */
  ttlMs: number;
  /** Tokens remembered at most; the least recently reported go first. @default 10_000 */
  maxEntries?: number;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

interface Entry {
  header: string;
  scopes: readonly string[];
  expiresAt: number;
}

/**
 * Remembers `token → scopes` in this process, keyed by the SHA-256 of the token (never the token).
 * A token whose answers came from a cache shared by other processes has no entry here until it
 * calls Slack itself: unknown scopes mean no sharing, never a guess.
 */
export function createGrantedScopes({
  ttlMs,
  maxEntries = 10_000,
  now = Date.now,
}: GrantedScopesOptions): GrantedScopes {
  // Recency is what `record` sets (`peek` reads leave it alone): the least recently reported
  // token goes first once `maxEntries` are held.
  const entries = new LRUCache<string, Entry>({ max: maxEntries });
  return {
    record(token, header) {
      const key = token.hash;
      const previous = entries.peek(key);
      // Most answers repeat the last header: reuse its parsed form.
      const scopes = previous?.header === header ? previous.scopes : parseScopes(header);
      entries.set(key, { header, scopes, expiresAt: now() + ttlMs });
    },
    of(token) {
      const key = token.hash;
      const entry = entries.peek(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.scopes;
    },
  };
}

/** `"users:read, channels:read,users:read"` → `["channels:read", "users:read"]`. */
export function parseScopes(header: string): readonly string[] {
  const scopes = new Set(
    header
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== ''),
  );
  return Object.freeze([...scopes].sort());
}
