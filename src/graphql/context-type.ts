import type { Loaders } from '../loaders/index.js';

/**
 * The per-request GraphQL context. A fresh object per request: loaders cache per request and
 * are scoped to the request's Slack token.
 */
export interface GraphQLContext {
  loaders: Loaders;
  /**
   * A stable, non-reversible fingerprint of the request's token (never the token itself).
   * Connection cursors are bound to it, so a cursor minted for one token is refused for another.
   */
  tokenFingerprint: string;
}
