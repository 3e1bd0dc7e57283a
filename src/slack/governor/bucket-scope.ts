import { hashToken } from '../../cache/token-hash.js';
import type { WorkspaceResolver } from './workspace-resolver.js';

/**
 * Whose budget a call of `method` spends. Slack buckets limits per method × workspace × app, so
 * every token of one workspace shares one. `auth.test` is what finds a token's workspace, so its
 * own bucket is per token hash; if auth.test fails (a revoked token), the call is paced per token
 * hash and Slack reports the real error.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export async function bucketScope(
  method: string,
  token: string,
  workspaces: WorkspaceResolver,
): Promise<string> {
  if (method === 'auth.test') return `token:${hashToken(token)}`;
  try {
    return `team:${await workspaces.resolve(token)}`;
  } catch {
    return `token:${hashToken(token)}`;
  }
}
