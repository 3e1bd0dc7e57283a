import { type GraphQLSchema, parse } from 'graphql';
import { parseScopes } from '../cache/user-directory-scopes.js';
import { broaderScopes, type TokenKind } from '../graphql/slack-cost.js';
import { requiredScopes } from '../operation-cost/scopes.js';
import { createSlackClient } from '../slack/client.js';
import { SlackToken } from '../slack/slack-token.js';
import type { PersistedDocuments } from './persisted-documents.js';

export interface TokenScopeCheck {
  /** Scopes the persisted operations need that the token was not granted, sorted. */
  missing: string[];
}

export interface TokenScopeCheckOptions {
  schema: GraphQLSchema;
  slackApiUrl: string;
  token: string;
  documents: PersistedDocuments;
  timeoutMs: number;
}

/**
 * At start, with a real default token and a persisted-operations manifest: compares the scopes
 * Slack says the token has (`X-OAuth-Scopes` of its auth.test answer) with the least scopes the
 * persisted operations need (src/operation-cost/scopes.ts; conversations by ID counted as public
 * channels), so a missing scope is reported once at start rather than as MISSING_SCOPE on every
 * request. One auth.test call on a client of its own, closed at once; the token is never logged.
 */
export async function checkTokenScopes({
  schema,
  slackApiUrl,
  token,
  documents,
  timeoutMs,
}: TokenScopeCheckOptions): Promise<TokenScopeCheck> {
  let granted: string | undefined;
  const client = createSlackClient({
    baseUrl: slackApiUrl,
    maxConnections: 1,
    timeoutMs,
    onGrantedScopes: (_token, header) => {
      granted = header;
    },
  });
  try {
    await client.call('auth.test', {}, new SlackToken(token));
  } finally {
    await client.close();
  }
  const held = new Set(parseScopes(granted ?? ''));
  const kind: TokenKind = token.startsWith('xoxb-') ? 'bot' : 'user';
  const needed = requiredScopes(
    schema,
    [...documents.values()].map((source) => parse(source)),
    kind,
  );
  const holds = (scope: string) =>
    held.has(scope) || broaderScopes(scope, kind).some((broader) => held.has(broader));
  return { missing: needed.scopes.filter((scope) => !holds(scope)) };
}
