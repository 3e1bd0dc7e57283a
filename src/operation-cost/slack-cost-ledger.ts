import type { SlackCallLedger } from '../slack/slack-api.js';

/**
 * What one GraphQL request cost in Slack terms, as `extensions.slackCost` reports it:
 * - `calls`: HTTP requests sent to Slack, per method (retries included: each is a call Slack
 *   saw and counted against the rate limits);
 * - `cacheAnswers`: reads answered by the shared cache (or by a call another request already had
 *   in flight) instead of Slack, per cache type;
 * - `estimate`/`budget`: the worst-case estimate made before execution and the request's budget;
 * - `rateLimitWaitMs`: time spent waiting for rate budget (the governor's queue, Retry-After);
 * - `responseCache`: the whole response came from the response cache (nothing executed).
 */
export interface SlackCostReport {
  calls: Record<string, number>;
  totalCalls: number;
  cacheAnswers: Record<string, number>;
  totalCacheAnswers: number;
  estimate: number | null;
  budget: number | null;
  rateLimitWaitMs: number;
  responseCache: boolean;
}

/**
 * The running tally of one request. Its loaders pass it with every Slack call
 * (`SlackCallOptions.ledger`); a call another request already had in flight is charged to the
 * request that sent it.
 */
export class SlackCostLedger implements SlackCallLedger {
  private readonly calls = new Map<string, number>();
  private readonly cacheAnswers = new Map<string, number>();
  private rateLimitWaitMs = 0;
  private estimate: number | null = null;
  private budget: number | null = null;
  /** Execution ran (false when a cached response or a refusal stood in for it). */
  executed = false;

  attempted(method: string, rateLimitWaitMs: number): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    this.rateLimitWaitMs += rateLimitWaitMs;
  }

  answeredFromCache(type: string): void {
    this.cacheAnswers.set(type, (this.cacheAnswers.get(type) ?? 0) + 1);
  }

  estimated(estimate: number, budget: number): void {
    this.estimate = estimate;
    this.budget = budget;
  }

  /** The figures so far; `served` says whether the request produced data. */
  report(served: boolean): SlackCostReport {
    const calls = sortedRecord(this.calls);
    const cacheAnswers = sortedRecord(this.cacheAnswers);
    return {
      calls,
      totalCalls: sum(this.calls),
      cacheAnswers,
      totalCacheAnswers: sum(this.cacheAnswers),
      estimate: this.estimate,
      budget: this.budget,
      rateLimitWaitMs: Math.round(this.rateLimitWaitMs),
      responseCache: served && !this.executed,
    };
  }
}

function sortedRecord(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/** A GraphQL context that carries its request's ledger (src/http/context.ts builds one). */
export interface SlackCostContext {
  slackCost?: SlackCostLedger | undefined;
}

/** Ledgers of contexts built without one (one context per request). */
const ledgers = new WeakMap<object, SlackCostLedger>();

/** The ledger of the request whose context is `context`. */
export function ledgerOf(context: object): SlackCostLedger {
  const own = (context as SlackCostContext).slackCost;
  if (own !== undefined) return own;
  let ledger = ledgers.get(context);
  if (ledger === undefined) {
    ledger = new SlackCostLedger();
    ledgers.set(context, ledger);
  }
  return ledger;
}

/**
 * Runs `work` (an execution) and marks `ledger` as executed: its request was not answered whole
 * by a cache.
 */
export function executing<T>(ledger: SlackCostLedger, work: () => T): T {
  ledger.executed = true;
  return work();
}
