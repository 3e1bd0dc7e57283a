import type { ResponseCacheContext } from '../cache/response-cache-plugin.js';
import type { Loaders } from '../loaders/index.js';
import type { SlackCostContext } from '../operation-cost/slack-cost-ledger.js';
import type { CursorSealer } from './cursor-seal.js';
import type { LiveContext } from './subscriptions/live-context.js';

/**
 * The per-request GraphQL context. A fresh object per request: loaders cache per request and
 * are scoped to the request's Slack token.
 */
export interface GraphQLContext extends ResponseCacheContext, SlackCostContext {
  loaders: Loaders;
  /**
   * A stable, non-reversible fingerprint of the request's token (never the token itself).
   * Connection cursors are bound to it, so a cursor minted for one token is refused for another.
   */
  tokenFingerprint: string;
  /**
   * Who a result is for: the token's full SHA-256 (or how the request has none). Requests with
   * the same group, document and variables get the same answer from the same state, so a
   * subscription event is resolved once for all of them (src/graphql/subscriptions/shared-execution.ts);
   * nothing is ever shared across groups.
   */
  executionGroup: string;
  /**
   * Seals and opens connection cursors; with `CURSOR_SECRET` set, one sealer for every replica.
   * @default processCursorSealer (a random secret per process)
   */
  cursorSealer?: CursorSealer | undefined;
  /** Live events for subscriptions; absent when the gateway takes no Slack events. */
  live?: LiveContext | undefined;
  /**
   * Gives `context` (the one resolvers receive; yoga copies the object this module built) fresh
   * loaders and Slack-call budget for the next event of a subscription: one context serves a
   * whole stream, and its loaders must not answer later events from earlier state.
   */
  renewLoaders?: ((context: GraphQLContext) => void) | undefined;
  /**
   * Called once the request's result is final: its Slack calls still queued or in flight (and
   * not shared with another request) are cancelled (src/http/request-signal.ts).
   */
  settle?: (() => void) | undefined;
  /** Cuts the subscriber's connection (its transport's socket), e.g. a consumer too slow. */
  disconnect?: (() => void) | undefined;
}
