import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../emulator-config.js';
import { pickFault } from '../limits/faults.js';
import type { Caller, MethodResult } from '../methods/method-context.js';
import type { MethodDefinition } from '../methods/method-definition.js';
import { METHODS } from '../methods/registry.js';
import { Params } from '../protocol/params.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { authenticate, authenticateApp } from './authenticate.js';
import { type ParsedArguments, parseArguments } from './read-request.js';
import type { EmulatorRuntime } from './runtime.js';
import { type ExtraHeaders, errorBody, sendJson, sendText, successBody } from './write-response.js';

/** A per-process prefix keeps `X-Slack-Req-Id` unique across emulator restarts. */
const REQ_ID_PREFIX = Math.floor(Math.random() * 0xffffffff)
  .toString(16)
  .padStart(8, '0');
let requestSequence = 0;

/** `X-Accepted-OAuth-Scopes` per method, joined once rather than on every call. */
const ACCEPTED_SCOPES_HEADER = new Map(
  [...METHODS.values()]
    .filter((definition) => definition.acceptedScopes.length > 0)
    .map((definition) => [definition.name, definition.acceptedScopes.join(',')]),
);

/** The scopes of the workspace's app-level token. */
const APP_TOKEN_SCOPES = 'connections:write';

/** `X-OAuth-Scopes` per caller (callers are built once per token entry). */
const grantedScopesHeader = new WeakMap<Caller, string>();

function grantedScopes(caller: Caller): string {
  let header = grantedScopesHeader.get(caller);
  if (header === undefined) {
    header = caller.token.scopes.join(',');
    grantedScopesHeader.set(caller, header);
  }
  return header;
}

/** A request to /api/<method> whose body has been read. */
export interface ApiRequest {
  method: string;
  query: string;
  request: IncomingMessage;
  body: Buffer;
  response: ServerResponse;
}

/**
 * Answers one /api/ call: stats → latency → fault → parse → token → rate limit → handler.
 * Control returns to the event loop only for latency and multipart parsing.
 * @see shared/slack-api/REFERENCE.md §1 and §7.1
 */
export function handleApiRequest(runtime: EmulatorRuntime, call: ApiRequest): void {
  runtime.stats.record(call.method);
  const { config } = runtime;
  const delay =
    config.latencyMs + (config.jitterMs > 0 ? runtime.random.next() * config.jitterMs : 0);
  if (delay > 0) {
    const timer = setTimeout(() => answer(runtime, call), delay);
    call.response.once('close', () => clearTimeout(timer));
  } else {
    answer(runtime, call);
  }
}

function answer(runtime: EmulatorRuntime, call: ApiRequest): void {
  const fault =
    runtime.config.faults.length > 0
      ? pickFault(runtime.config.faults, call.method, runtime.random)
      : undefined;
  const headers: ExtraHeaders = { 'x-slack-req-id': nextRequestId() };
  if (fault !== undefined && fault !== 'malformed_json') {
    injectFault(fault, call, headers);
    return;
  }
  const reply = (status: number, body: MethodResult): void => {
    if (fault === 'malformed_json') sendTruncated(call, status, body, headers);
    else sendJson(call.response, status, body, headers);
  };
  const definition = METHODS.get(call.method);
  if (definition === undefined) {
    reply(200, { ok: false, error: 'unknown_method', req_method: call.method });
    return;
  }
  const accepted = ACCEPTED_SCOPES_HEADER.get(definition.name);
  if (accepted !== undefined) headers['x-accepted-oauth-scopes'] = accepted;
  const warnings: string[] = [];
  const run = ({ args, token }: ParsedArguments): void => {
    try {
      let caller: Caller | undefined;
      if (definition.tokenType === 'app') {
        authenticateApp(runtime.state, token);
        headers['x-oauth-scopes'] = APP_TOKEN_SCOPES;
      } else if (definition.requiresToken !== false) {
        caller = authenticate(runtime.state, token);
        headers['x-oauth-scopes'] = grantedScopes(caller);
      }
      const retryAfter = rateLimit(runtime, definition, caller);
      if (retryAfter !== undefined) {
        headers['retry-after'] = String(retryAfter);
        reply(429, { ok: false, error: 'ratelimited' });
        return;
      }
      const warn = (code: string): void => {
        warnings.push(code);
      };
      const { state } = runtime;
      const { socketMode } = runtime;
      const params = new Params(args);
      const result = definition.handle({ params, caller, state, warn, socketMode });
      reply(200, successBody(result, warnings));
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error: unknown): void => {
    if (error instanceof SlackApiError) reply(200, errorBody(error, warnings));
    else internalError(call, headers, error);
  };
  try {
    const parsed = parseArguments(
      call.request.method,
      call.query,
      call.request.headers,
      call.body,
      {
        acceptsJson: definition.acceptsJson,
        legacyQueryTokens: runtime.config.legacyQueryTokens,
        warnings,
      },
    );
    if (parsed instanceof Promise) parsed.then(run, fail);
    else run(parsed);
  } catch (error) {
    fail(error);
  }
}

function rateLimit(
  runtime: EmulatorRuntime,
  definition: MethodDefinition,
  caller: Caller | undefined,
): number | undefined {
  if (!runtime.config.rateLimits) return undefined;
  return runtime.limiter.take(
    {
      teamId: runtime.state.team.id,
      method: definition.name,
      tier: definition.tier,
      distribution: caller?.token.app_distribution,
    },
    runtime.config.rateWindowMs,
  );
}

/** A body cut off mid-stream, as a dropped proxy connection would deliver it. */
function sendTruncated(
  call: ApiRequest,
  status: number,
  body: MethodResult,
  headers: ExtraHeaders,
): void {
  const text = JSON.stringify(body);
  sendText(call.response, status, text.slice(0, Math.max(1, Math.floor(text.length / 2))), headers);
}

function injectFault(fault: FaultKind, call: ApiRequest, headers: ExtraHeaders): void {
  switch (fault) {
    case 'http_500':
      sendJson(call.response, 500, { ok: false, error: 'fatal_error' }, headers);
      return;
    case 'ratelimited':
      headers['retry-after'] = '1';
      sendJson(call.response, 429, { ok: false, error: 'ratelimited' }, headers);
      return;
    case 'reset':
      call.request.socket.destroy();
      return;
    case 'timeout':
    case 'malformed_json':
      // timeout: never answer (closing the emulator destroys the socket); malformed_json is
      // applied to the real answer instead.
      return;
  }
}

function internalError(call: ApiRequest, headers: ExtraHeaders, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`emulator: ${call.method} failed: ${message}\n`);
  sendJson(call.response, 500, { ok: false, error: 'internal_error' }, headers);
}

function nextRequestId(): string {
  requestSequence += 1;
  return `${REQ_ID_PREFIX}${requestSequence.toString(16).padStart(8, '0')}`;
}
