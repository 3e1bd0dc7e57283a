import type { ReadProvenance } from '../cache/provenance.js';
import { createReadLog } from '../cache/read-log.js';
import type { UserDirectory } from '../cache/user-directory.js';
import type { GraphQLContext } from '../graphql/context-type.js';
import type { CursorSealer } from '../graphql/cursor-seal.js';
import type { LiveContext } from '../graphql/subscriptions/live-context.js';
import type { BatchObserver } from '../loaders/batch-schedule.js';
import { createLoaders, type Loaders } from '../loaders/index.js';
import { limitSlackCalls } from '../operation-cost/call-budget.js';
import { SlackCostLedger } from '../operation-cost/slack-cost-ledger.js';
import type { SlackApi } from '../slack/slack-api.js';
import { SlackToken } from '../slack/slack-token.js';
import { requestSignal } from './request-signal.js';

export interface ContextDependencies {
  slack: SlackApi;
  /** Used when the request has no `Authorization` header at all. */
  defaultToken: string | undefined;
  /** Slack calls one request may make (src/operation-cost/call-budget.ts). @default unlimited */
  slackCallBudget?: number | undefined;
  /**
   * Calls of each method one request may make: what the workspace's rate bucket allows per
   * window (src/slack/governor/rate-table.ts). @default unlimited
   */
  slackCallsPerMethod?: ((method: string) => number) | undefined;
  /** Milliseconds an operation may take; then its Slack calls are cancelled. @default none */
  deadlineMs?: number | undefined;
  /** Seals connection cursors (`CURSOR_SECRET`). @default a random secret per process */
  cursorSealer?: CursorSealer | undefined;
  /** With the response cache on: the cache's bookkeeping, to record what each request read. */
  responseCache?: ReadProvenance | undefined;
  /** With the cache on: users shared between tokens of one workspace (src/cache/user-directory.ts). */
  userDirectory?: UserDirectory | undefined;
  /** Hears the size of every loader batch (metrics: `loader_batch_size`). */
  observeBatch?: BatchObserver | undefined;
  /** Live events for subscriptions. @default none: subscriptions fail */
  live?: LiveContext | undefined;
  /** `SLACK_UNLISTED_APP`: history and replies pages hold at most 15 messages. */
  unlistedApp?: boolean | undefined;
}

/**
 * Why a request's Slack calls stop once its result is final. One shared reason: `abort()`
 * without one builds a DOMException, stack trace included, for every request.
 */
const SETTLED = new DOMException('The operation has its final result.', 'AbortError');

/**
 * Builds a fresh context, and so fresh loaders, for every request: loader caches are per token
 * and per request and never shared between users.
 * @see https://github.com/graphql/dataloader#caching-per-request
 */
export function createContext(
  request: Request,
  deps: ContextDependencies,
  disconnect?: () => void,
): GraphQLContext {
  const authorization = request.headers.get('authorization');
  const presented = resolveToken(authorization, deps.defaultToken);
  // The one SHA-256 of the token per request: the fingerprint, the response-cache key and every
  // Slack layer below the loaders (cache key, governor bucket, refused-token memory) share it.
  const token = presented === undefined || presented === '' ? undefined : new SlackToken(presented);
  const tokenHash = token?.hash;
  const readLog =
    deps.responseCache === undefined || tokenHash === undefined
      ? undefined
      : createReadLog(deps.responseCache);
  // Aborted once the request's result is final (`useSettleOnResult`): its Slack calls stop.
  const settled = new AbortController();
  // Every set of loaders (a subscription renews them per event) charges the request's tally.
  const slackCost = new SlackCostLedger();
  // Each set of loaders counts its own Slack calls against the budget.
  let releaseSignal = (): void => {};
  const loaders = (): Loaders => {
    const budgeted =
      deps.slackCallBudget === undefined
        ? deps.slack
        : limitSlackCalls(deps.slack, deps.slackCallBudget, deps.slackCallsPerMethod);
    // Per set of loaders: a subscription's event gets its own deadline, not the stream's.
    releaseSignal();
    const { signal, release } = requestSignal(request, deps.deadlineMs, settled.signal);
    releaseSignal = release;
    return createLoaders(readLog === undefined ? budgeted : readLog.record(budgeted), token, {
      userDirectory: deps.userDirectory,
      onSharedUsers: readLog?.limitExpiry,
      observeBatch: deps.observeBatch,
      signal,
      ledger: slackCost,
      malformedAuthorization: authorization !== null && presented === undefined,
      unlistedApp: deps.unlistedApp,
    });
  };
  // The renewed loaders of a subscription's context (`renewLoaders`), and the object they are on.
  let renewed: Loaders | undefined;
  let lazyOn: object | undefined;
  return {
    loaders: loaders(),
    slackCost,
    tokenFingerprint: fingerprintOf(tokenHash),
    executionGroup: executionGroupOf(tokenHash, authorization !== null),
    cursorSealer: deps.cursorSealer,
    readLog,
    tokenHash: readLog === undefined ? undefined : tokenHash,
    live: deps.live,
    disconnect,
    settle: () => settled.abort(SETTLED),
    renewLoaders: (current) => {
      // Built when the event's resolution first reads them: a payload made of what the event
      // carried (most are), or one another subscriber's execution answered, builds no loaders,
      // signal or budget at all. The getter is installed once per context object; a renewal
      // after that only drops the loaders it built (one call per subscriber and event).
      renewed = undefined;
      if (lazyOn === current) return;
      lazyOn = current;
      Object.defineProperty(current, 'loaders', {
        configurable: true,
        enumerable: true,
        get: () => {
          renewed ??= loaders();
          return renewed;
        },
        set: (value: Loaders) => {
          renewed = value;
        },
      });
    },
  };
}

/**
 * The Slack token of a request. Without an `Authorization` header the default token applies; a
 * header that is not `Bearer <token>` yields no token (the request then fails UNAUTHENTICATED)
 * rather than silently acting as the default user.
 */
export function resolveToken(
  authorization: string | null,
  defaultToken: string | undefined,
): string | undefined {
  if (authorization === null) return defaultToken;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization.trim());
  return match?.[1];
}

/** A short, non-reversible label for a token (for cache keys and logs); `anonymous` without one. */
export function tokenFingerprint(token: string | undefined): string {
  return fingerprintOf(token === undefined ? undefined : new SlackToken(token).hash);
}

function executionGroupOf(tokenHash: string | undefined, sentAuthorization: boolean): string {
  if (tokenHash !== undefined) return `token:${tokenHash}`;
  return sentAuthorization ? 'malformed-authorization' : 'no-token';
}

function fingerprintOf(tokenHash: string | undefined): string {
  return tokenHash === undefined ? 'anonymous' : tokenHash.slice(0, 16);
}
