import { isBadTokenError } from '../bad-tokens.js';
import { SlackPlatformError } from '../errors.js';
import type { SlackToken } from '../slack-token.js';
import type { WorkspaceResolver } from './workspace-resolver.js';

/**
 * Whose budget a call of `method` spends. Slack buckets limits per method × workspace × app, so
 * every token of one workspace shares one. `auth.test` is what finds a token's workspace, so its
 * own bucket is per token hash. If auth.test says the token is bad (revoked, unknown), the call
 * fails with that answer without being sent; if it fails otherwise, the call is paced per token
 * hash.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
/**
 * `bucketScope` when it is known without waiting (auth.test, or a token whose workspace is
 * already resolved); `undefined` when it would have to wait for auth.test.
 */
export function knownBucketScope(
  method: string,
  token: SlackToken,
  workspaces: WorkspaceResolver,
): string | undefined {
  if (method === 'auth.test') return `token:${token.hash}`;
  const team = workspaces.known?.(token);
  return team === undefined ? undefined : `team:${team}`;
}

export async function bucketScope(
  method: string,
  token: SlackToken,
  workspaces: WorkspaceResolver,
): Promise<string> {
  if (method === 'auth.test') return `token:${token.hash}`;
  try {
    return `team:${await workspaces.resolve(token)}`;
  } catch (error) {
    // Slack refused the token itself: this call would be refused too, so it is not sent.
    if (isBadTokenError(error)) throw new SlackPlatformError(method, error.data, token.hash);
    return `token:${token.hash}`;
  }
}
