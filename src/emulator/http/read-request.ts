import type { IncomingHttpHeaders } from 'node:http';
import { SlackApiError } from '../protocol/slack-api-error.js';

/** A request's arguments and token, as the pipeline sees them once the body is parsed. */
export interface ParsedArguments {
  args: Record<string, unknown>;
  /** The token, if one was sent where Slack reads tokens from. */
  token: string | undefined;
}

/** What the parser needs to know besides the request itself. */
export interface ParseOptions {
  /** The method takes `application/json` bodies. */
  acceptsJson: boolean;
  /** Honour a query-string `token` (Slack's pre-2021 apps). */
  legacyQueryTokens: boolean;
  /** Collects Slack's request warnings (`missing_charset`, `superfluous_charset`). */
  warnings: string[];
}

const ALLOWED_CHARSETS = new Set(['utf-8', 'utf8', 'iso-8859-1']);

/**
 * Reads arguments the way Slack does: the query string, merged with a form body
 * (`x-www-form-urlencoded`, `multipart/form-data`, or `text/plain` holding a form); a JSON body
 * only for methods that take JSON, replacing the query (Slack says not to mix them) and never
 * carrying the token. JSON sent to a method without JSON support is ignored, as Slack ignores it.
 * An empty body is no arguments with any content type (slack_sdk and Bolt for Python send
 * argument-less calls such as auth.test as JSON with an empty body).
 * Synchronous except for multipart bodies, to keep the common path free of promises.
 * @throws SlackApiError `invalid_post_type`, `missing_post_type`, `invalid_charset`,
 *   `invalid_json`, `json_not_object` or `invalid_form_data`.
 * @see docs/slack-behaviour.md#requests
 */
export function parseArguments(
  httpMethod: string | undefined,
  query: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  options: ParseOptions,
): ParsedArguments | Promise<ParsedArguments> {
  const queryArgs = query === '' ? {} : Object.fromEntries(new URLSearchParams(query));
  const queryToken = options.legacyQueryTokens ? stringOrUndefined(queryArgs.token) : undefined;
  delete queryArgs.token;
  const bearer = bearerToken(headers.authorization);
  if (httpMethod !== 'POST') return { args: queryArgs, token: bearer ?? queryToken };

  const contentType = headers['content-type'];
  if (contentType === undefined || contentType.trim() === '') {
    if (body.length > 0) throw new SlackApiError('missing_post_type');
    return { args: queryArgs, token: bearer ?? queryToken };
  }
  const { mediaType, charset } = splitContentType(contentType);
  if (charset !== undefined && !ALLOWED_CHARSETS.has(charset)) {
    throw new SlackApiError('invalid_charset');
  }

  if (mediaType === 'application/json') {
    if (charset === undefined) options.warnings.push('missing_charset');
    if (!options.acceptsJson) return { args: queryArgs, token: bearer };
    const json = parseJsonObject(body);
    delete json.token;
    return { args: json, token: bearer };
  }

  const merge = (formArgs: Record<string, string>): ParsedArguments => {
    const formToken = stringOrUndefined(formArgs.token);
    delete formArgs.token;
    return { args: { ...queryArgs, ...formArgs }, token: bearer ?? formToken ?? queryToken };
  };
  if (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'text/plain') {
    if (charset !== undefined) options.warnings.push('superfluous_charset');
    return merge(Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  }
  if (mediaType === 'multipart/form-data') return parseMultipart(contentType, body).then(merge);
  throw new SlackApiError('invalid_post_type');
}

/** The token of an `Authorization: Bearer …` header, if that is what the header holds. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  if (header.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  const token = header.slice(7).trim();
  return token === '' ? undefined : token;
}

function splitContentType(header: string): { mediaType: string; charset: string | undefined } {
  const parts = header.split(';');
  const mediaType = (parts[0] ?? '').trim().toLowerCase();
  let charset: string | undefined;
  for (const part of parts.slice(1)) {
    const [name = '', value = ''] = part.split('=');
    if (name.trim().toLowerCase() === 'charset') {
      charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
    }
  }
  return { mediaType, charset };
}

/** A JSON body; an empty one means no arguments, as Slack reads the SDKs' argument-less calls. */
function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SlackApiError('invalid_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SlackApiError('json_not_object');
  }
  return value as Record<string, unknown>;
}

async function parseMultipart(contentType: string, body: Buffer): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new SlackApiError('invalid_form_data');
  }
  const args: Record<string, string> = {};
  for (const [name, value] of form) {
    // File parts (uploads) are not arguments of any method the emulator serves.
    if (typeof value === 'string') args[name] = value;
  }
  return args;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
