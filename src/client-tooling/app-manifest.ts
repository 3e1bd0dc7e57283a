import { readFile } from 'node:fs/promises';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import { requiredScopes, type ScopeOptions, type ScopeReport } from '../operation-cost/scopes.js';

/** The operations of a persisted-operations manifest (`{ "sha256:…": "<document>" }`) or a `.graphql` file. */
export async function readOperations(path: string): Promise<DocumentNode[]> {
  const text = await readFile(path, 'utf8');
  if (!path.endsWith('.json')) return [parse(text)];
  const manifest = JSON.parse(text) as unknown;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`${path}: a persisted-operations manifest is a JSON object of documents`);
  }
  return Object.values(manifest).map((document) => {
    if (typeof document !== 'string') throw new Error(`${path}: every value must be a document`);
    return parse(document);
  });
}

/** The least scopes of each token kind for `documents`. */
export interface AppScopes {
  user: ScopeReport;
  bot: ScopeReport;
}

export function appScopes(
  schema: GraphQLSchema,
  documents: readonly DocumentNode[],
  options: ScopeOptions = {},
): AppScopes {
  return {
    user: requiredScopes(schema, documents, 'user', options),
    bot: requiredScopes(schema, documents, 'bot', options),
  };
}

/**
 * A Slack app manifest that requests exactly `scopes` (a bot user comes with bot scopes, as
 * Slack requires one for them).
 * @see https://docs.slack.dev/reference/app-manifest
 */
export function appManifest(name: string, scopes: AppScopes): Record<string, unknown> {
  const hasBot = scopes.bot.scopes.length > 0;
  return {
    display_information: { name },
    ...(hasBot ? { features: { bot_user: { display_name: name, always_online: false } } } : {}),
    oauth_config: {
      scopes: {
        ...(scopes.user.scopes.length > 0 ? { user: scopes.user.scopes } : {}),
        ...(hasBot ? { bot: scopes.bot.scopes } : {}),
      },
    },
    settings: { org_deploy_enabled: false, socket_mode_enabled: false },
  };
}

/** The manifest as YAML (Slack's app configuration page accepts either). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    return value.map((item) => `${indent}- ${scalar(item)}\n`).join('');
  }
  if (typeof value !== 'object' || value === null) return `${indent}${scalar(value)}\n`;
  return Object.entries(value)
    .map(([key, item]) =>
      typeof item === 'object' && item !== null
        ? `${indent}${key}:\n${toYaml(item, `${indent}  `)}`
        : `${indent}${key}: ${scalar(item)}\n`,
    )
    .join('');
}

/** A YAML scalar: plain when unambiguous, else a JSON string (valid YAML). */
function scalar(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z][\w .:/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value)
    ? value
    : JSON.stringify(value);
}
