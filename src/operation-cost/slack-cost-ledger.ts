import { AsyncLocalStorage } from 'node:async_hooks';

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

/** The running tally of one request. */
export class SlackCostLedger {
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

/**
 * The ledger of the request whose execution is running: the Slack client and the cache are
 * shared by all requests, so they find the request they work for through async context.
 */
const current = new AsyncLocalStorage<SlackCostLedger>();

/** Ledgers by GraphQL context object (one context per request). */
const ledgers = new WeakMap<object, SlackCostLedger>();

/** The ledger of the request whose context is `context`. */
export function ledgerOf(context: object): SlackCostLedger {
  let ledger = ledgers.get(context);
  if (ledger === undefined) {
    ledger = new SlackCostLedger();
    ledgers.set(context, ledger);
  }
  return ledger;
}

/** Runs `work` (an execution) so that every Slack call it causes is charged to `ledger`. */
export function chargingTo<T>(ledger: SlackCostLedger, work: () => T): T {
  ledger.executed = true;
  return current.run(ledger, work);
}

/** For the Slack client: one HTTP attempt of `method`, after waiting for rate budget. */
export function recordSlackAttempt(method: string, rateLimitWaitMs: number): void {
  current.getStore()?.attempted(method, rateLimitWaitMs);
}

/** For the cache: a read answered without a Slack call of this request. */
export function recordCacheAnswer(type: string): void {
  current.getStore()?.answeredFromCache(type);
}
