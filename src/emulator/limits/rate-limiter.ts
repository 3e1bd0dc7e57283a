import type { RateTier } from '../methods/method-definition.js';
import type { AppDistribution } from '../state/workspace-file.js';

/**
 * Calls allowed per window for each tier: the floor of Slack's published "N+ per minute"
 * (special = auth.test's "hundreds per minute").
 * @see docs/slack-behaviour.md#rate-limits
 */
export const TIER_CAPACITY: Readonly<Record<RateTier, number>> = {
  t1: 1,
  t2: 20,
  t3: 50,
  t4: 100,
  special: 600,
};

/** Methods that Slack's 2025 rule limits to one call a minute for unlisted apps. */
const UNLISTED_LIMITED = new Set(['conversations.history', 'conversations.replies']);

/** Who and what a call is charged to. */
export interface RateSubject {
  teamId: string;
  method: string;
  tier: RateTier;
  /** The calling token's app distribution; `undefined` for calls without a token. */
  distribution: AppDistribution | undefined;
}

/** `undefined` when the call is allowed, otherwise the seconds to wait (≥ 1). */
export type RateDecision = number | undefined;

/**
 * Sliding-window limiter keyed by (team, method), as Slack buckets per workspace × method × app.
 * Tokens of an unlisted app count as a separate app (their own buckets), since the emulator has
 * no app IDs and Slack keeps each app's budget apart.
 */
export class RateLimiter {
  /** Call times (ms) inside the window, oldest first, per bucket. */
  private readonly buckets = new Map<string, number[]>();

  constructor(private readonly clock: () => number) {}

  /** Records the call if the budget allows it. */
  take(subject: RateSubject, windowMs: number): RateDecision {
    const unlisted = subject.distribution === 'unlisted';
    const capacity =
      unlisted && UNLISTED_LIMITED.has(subject.method) ? 1 : TIER_CAPACITY[subject.tier];
    const key = `${subject.teamId}\u0000${subject.method}${unlisted ? '\u0000unlisted' : ''}`;
    const now = this.clock();
    let calls = this.buckets.get(key);
    if (calls === undefined) {
      calls = [];
      this.buckets.set(key, calls);
    }
    let expired = 0;
    while (expired < calls.length && (calls[expired] ?? 0) <= now - windowMs) expired += 1;
    if (expired > 0) calls.splice(0, expired);
    if (calls.length < capacity) {
      calls.push(now);
      return undefined;
    }
    const oldest = calls[0] ?? now;
    return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
  }

  /** Forgets every bucket (a new window for everyone). */
  reset(): void {
    this.buckets.clear();
  }
}
