import { LRUCache } from 'lru-cache';
import type { SlackToken } from '../slack-token.js';
import type { SlackAuthTestResponse } from '../wire-types.js';
import { type Clock, systemClock } from './clock.js';

/** Finds the workspace (`team_id`) a token belongs to. */
export interface WorkspaceResolver {
  /** The token's `team_id` from `auth.test`, cached; rejects when auth.test fails. */
  resolve(token: SlackToken): Promise<string>;
  /** The token's `team_id` when auth.test already answered it (and it is not expired). */
  known?(token: SlackToken): string | undefined;
}

export interface WorkspaceResolverOptions {
  /** Calls `auth.test` with the token (through the governed, cached Slack API). */
  authTest: (token: SlackToken) => Promise<SlackAuthTestResponse>;
  /**
   * How long a token's workspace is remembered. A token never moves to another workspace, so
   * this only bounds how long a revoked token's entry lingers.
   * @default 3_600_000 (one hour)
   */
  ttlMs?: number;
  /** Tokens remembered at most; the oldest entry goes first. @default 10_000 */
  maxEntries?: number;
  /** @default systemClock */
  clock?: Clock;
}

interface Entry {
  team: Promise<string>;
  /** Set once `team` resolved. */
  teamId?: string;
  expiresAt: number;
}

/**
 * Remembers `token → team_id`, keyed by the SHA-256 of the token (never the token), and shares
 * one auth.test between concurrent callers. Failures are not remembered: the next call asks again.
 * @see https://docs.slack.dev/reference/methods/auth.test
 */
export function createWorkspaceResolver({
  authTest,
  ttlMs = 3_600_000,
  maxEntries = 10_000,
  clock = systemClock,
}: WorkspaceResolverOptions): WorkspaceResolver {
  // `peek` leaves recency alone: the oldest entry goes first once `maxEntries` are held.
  const entries = new LRUCache<string, Entry>({ max: maxEntries });
  return {
    resolve(token) {
      const key = token.hash;
      const now = clock.now();
      const cached = entries.peek(key);
      if (cached !== undefined && cached.expiresAt > now) return cached.team;
      entries.delete(key);
      const team = authTest(token).then((response) => {
        entry.teamId = response.team_id;
        return response.team_id;
      });
      const entry: Entry = { team, expiresAt: now + ttlMs };
      entries.set(key, entry);
      team.catch(() => {
        if (entries.peek(key)?.team === team) entries.delete(key);
      });
      return team;
    },
    known(token) {
      const cached = entries.peek(token.hash);
      return cached !== undefined && cached.expiresAt > clock.now() ? cached.teamId : undefined;
    },
  };
}
