import type { MethodContext, MethodResult } from './method-context.js';

/** Slack's rate-limit tiers; `special` is auth.test's "hundreds per minute". */
export type RateTier = 't1' | 't2' | 't3' | 't4' | 'special';

/**
 * One Slack method as the emulator serves it. The HTTP pipeline checks the token (unless
 * `requiresToken` is false), the JSON-body rule and the rate limit, then calls `handle`, which
 * checks scopes, arguments, existence, membership and state in that order and either returns the
 * success body or throws a SlackApiError.
 */
export interface MethodDefinition {
  name: string;
  tier: RateTier;
  /** @default true */
  requiresToken?: boolean;
  /**
   * `app`: the method takes the app-level `xapp-` token (and no other); the handler then gets
   * no `caller`. @default 'workspace' (user and bot tokens)
   */
  tokenType?: 'workspace' | 'app';
  /**
   * Whether `application/json` bodies are read. Follows the `json_input_supported` flag of
   * Slack's method catalogue (shared/slack-api/methods): every write method, history, team.info,
   * auth.test and api.test. The other read methods ignore a JSON body's arguments, as
   * users.conversations is documented to (seed 003) and as observed for conversations.list
   * (a JSON `limit` is ignored; bobmatnyc/trusty-tools#7391).
   */
  acceptsJson: boolean;
  /** Every scope that can satisfy the method, for the `X-Accepted-OAuth-Scopes` header. */
  acceptedScopes: readonly string[];
  handle(context: MethodContext): MethodResult;
}
