import type { ServerResponse } from 'node:http';
import type { MethodResult } from '../methods/method-context.js';
import type { SlackApiError } from '../protocol/slack-api-error.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Headers sent with every /api/ answer besides the content type. */
export type ExtraHeaders = Record<string, string>;

/** Writes a JSON answer with an exact Content-Length (keep-alive friendly). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: ExtraHeaders = {},
): void {
  sendText(response, status, JSON.stringify(body), headers);
}

/** Writes `text` as `application/json` even when it is not valid JSON (the malformed_json fault). */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: ExtraHeaders = {},
): void {
  if (response.destroyed || response.headersSent) return;
  headers['content-type'] = JSON_TYPE;
  headers['content-length'] = String(Buffer.byteLength(text));
  response.writeHead(status, headers);
  response.end(text);
}

/**
 * Slack's success envelope: `ok` first, then the warnings (`warning` comma-joined and
 * `response_metadata.warnings`, merged into any `response_metadata` the method returned, such as
 * `next_cursor`).
 * @see docs/slack-behaviour.md#answers-and-errors
 */
export function successBody(result: MethodResult, warnings: readonly string[]): MethodResult {
  return withWarnings({ ok: true, ...result }, warnings);
}

/**
 * Slack's failure envelope: `{ ok: false, error, ...extra }`, then any request warnings, which
 * Slack sends on errors too, after the error (e.g. `{"ok":false,"error":"not_in_channel",
 * "warning":"missing_charset","response_metadata":{"warnings":["missing_charset"]}}`).
 */
export function errorBody(error: SlackApiError, warnings: readonly string[]): MethodResult {
  const body: MethodResult = { ok: false, error: error.code, ...error.extra };
  if (warnings.length === 0) return body;
  const unique = [...new Set(warnings)];
  const { response_metadata: metadata, ...rest } = body;
  return { ...rest, warning: unique.join(','), response_metadata: mergeWarnings(metadata, unique) };
}

function withWarnings(body: MethodResult, warnings: readonly string[]): MethodResult {
  if (warnings.length === 0) return body;
  const unique = [...new Set(warnings)];
  const { ok, ...rest } = body;
  return {
    ok,
    warning: unique.join(','),
    ...rest,
    response_metadata: mergeWarnings(body.response_metadata, unique),
  };
}

function mergeWarnings(metadata: unknown, warnings: string[]): Record<string, unknown> {
  const existing =
    typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  return { ...existing, warnings };
}
