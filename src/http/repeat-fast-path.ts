import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { CacheObserver } from '../cache/caching-slack-api.js';
import { createMemoryStore } from '../cache/memory-store.js';
import type { ReadProvenance } from '../cache/provenance.js';
import type { ResponseValidity } from '../cache/response-cache-plugin.js';
import { SLACK_COST_HEADER } from '../operation-cost/slack-cost-plugin.js';
import { resolveToken } from './context.js';
import { matchesEtag } from './etag.js';

export interface RepeatFastPathOptions {
  /** The GraphQL endpoint; no other path is looked up. */
  graphqlPath: string;
  /** Used when a request has no `Authorization` header (as in src/http/context.ts). */
  defaultToken: string | undefined;
  /** The response cache's bookkeeping: whether a stored response's tags still hold. */
  provenance: Pick<ReadProvenance, 'isCurrent'>;
  /** The request body limit; a larger body is left to yoga, which refuses it. */
  maxRequestBodyBytes?: number | undefined;
  /** Bytes of stored responses (and their keys) kept at most. @default 8 MiB */
  maxBytes?: number;
  observer?: Pick<CacheObserver, 'lookup'> | undefined;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

export interface RepeatFastPath {
  /** Register after the guards and observability: its hit ends the request before parsing. */
  plugin: Plugin;
  /** The response cache's `onHit`: the response about to be sent is kept for a repeat. */
  answeredFromCache(request: Request, validity: ResponseValidity): void;
  /** Approximate bytes kept now (at most `maxBytes`). */
  readonly bytes: number;
}

/** A kept response: exactly the bytes a response-cache hit sent for the same request. */
interface KeptResponse extends ResponseValidity {
  contentType: string;
  body: string;
  /** A strong validator of `body`. */
  etag: string;
}

/**
 * The largest operation (GET query string or POST body) looked up; a longer one takes the
 * ordinary path. Real operations are a few hundred bytes, persisted ones a few dozen.
 */
const MAX_OPERATION_BYTES = 32 * 1024;

/**
 * `private`: only the caller's own browser may keep it (it is built with their token);
 * `no-cache`: the browser asks again each time (with `If-None-Match`), as a write may change it.
 */
const CACHE_CONTROL = 'private, no-cache';

/**
 * Answers a repeated request from the bytes of its last answer, before yoga parses it as GraphQL
 * (and before the context, validation, limits and execution): the same token, the same operation
 * bytes (the query string of a GET, the body of a POST) and the same headers that shape the
 * answer (`Accept`, `Content-Type`, `X-Slack-Cost`) get the same response.
 *
 * Exactly as correct as the response cache (src/cache/response-cache-plugin.ts), because it only
 * ever keeps what that cache answered: when a request was a response-cache hit, its response
 * bytes are kept under the request's key with that stored response's tag versions and expiry,
 * and a repeat is answered only while those versions hold (a write or an event bumps them) and
 * before the expiry. Guards registered before it (host, form POSTs, CSRF, CORS preflight) still
 * run first; the headers added on the way out (CORS, `X-Request-Id`, `Connection: close` while
 * draining) are added to its answers too.
 *
 * Costs nothing to a stranger: a request without a token is never looked up, and only a token
 * Slack accepted can produce a response-cache hit, so only such a token fills it; it is bounded
 * in bytes (least recently used go first), and a body is read ahead of yoga only when its
 * `Content-Length` is declared and small.
 *
 * A GET of a persisted operation also gets an `ETag` (and `Cache-Control: private, no-cache`):
 * a repeat that sends it back in `If-None-Match` is answered `304 Not Modified`, without a body.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-if-none-match
 */
export function createRepeatFastPath({
  graphqlPath,
  defaultToken,
  provenance,
  maxRequestBodyBytes = Number.POSITIVE_INFINITY,
  maxBytes = 8 * 1024 * 1024,
  observer,
  now = Date.now,
}: RepeatFastPathOptions): RepeatFastPath {
  const kept = createMemoryStore({ maxBytes, now });
  const maxOperationBytes = Math.min(MAX_OPERATION_BYTES, maxRequestBodyBytes);
  /** The key of each request looked up, for the response cache's hit to fill. */
  const keys = new WeakMap<Request, string>();
  /** Requests the response cache answered, with what keeps that answer valid. */
  const answered = new WeakMap<Request, ResponseValidity>();

  const keyOf = async (request: Request, url: URL): Promise<string | undefined> => {
    const { method, headers } = request;
    if (method !== 'GET' && method !== 'POST') return undefined;
    const token = resolveToken(headers.get('authorization'), defaultToken);
    if (token === undefined || token === '') return undefined;
    let operation: string;
    if (method === 'GET') {
      operation = url.search;
      if (operation.length > maxOperationBytes) return undefined;
    } else {
      const length = headers.get('content-length');
      if (length === null || !/^\d+$/.test(length) || Number(length) > maxOperationBytes) {
        return undefined;
      }
      // yoga reads the same body afterwards (the request keeps it).
      operation = await request.text();
    }
    // The token goes into the key's hash itself: no second hash of it, and the key reveals nothing.
    return createHash('sha256')
      .update(token)
      .update(`\0${method}\0${headers.get('accept') ?? ''}\0${headers.get('content-type') ?? ''}`)
      .update(`\0${headers.get(SLACK_COST_HEADER) ?? ''}\0`)
      .update(operation)
      .digest('base64url');
  };

  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlPath) return;
      const key = await keyOf(request, url);
      if (key === undefined) return;
      const entry = (await kept.get(key)) as KeptResponse | undefined;
      if (entry === undefined || !(await provenance.isCurrent(entry.tags).catch(() => false))) {
        if (entry !== undefined) await kept.delete(key);
        observer?.lookup('repeat_request', 'miss');
        keys.set(request, key);
        return;
      }
      observer?.lookup('repeat_request', 'hit');
      if (!isPersistedGet(request, url)) {
        endResponse(
          new fetchAPI.Response(entry.body, { headers: { 'content-type': entry.contentType } }),
        );
        return;
      }
      const validators = { etag: entry.etag, 'cache-control': CACHE_CONTROL };
      endResponse(
        matchesEtag(request.headers.get('if-none-match'), entry.etag)
          ? new fetchAPI.Response(null, { status: 304, headers: validators })
          : new fetchAPI.Response(entry.body, {
              headers: { 'content-type': entry.contentType, ...validators },
            }),
      );
    },
    async onResponse({ request, response }) {
      const validity = answered.get(request);
      const key = keys.get(request);
      const contentType = response.headers.get('content-type');
      if (validity === undefined || key === undefined || contentType === null) return;
      const ttlMs = validity.expiresAt - now();
      if (response.status !== 200 || !contentType.includes('json') || ttlMs <= 0) return;
      const body = await response.clone().text();
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      const entry: KeptResponse = { ...validity, contentType, body, etag };
      await kept.set(key, entry, ttlMs);
      if (isPersistedGet(request, new URL(request.url))) {
        response.headers.set('etag', etag);
        response.headers.set('cache-control', CACHE_CONTROL);
      }
    },
  };

  return {
    plugin,
    answeredFromCache(request, validity) {
      answered.set(request, validity);
    },
    get bytes() {
      return kept.bytes;
    },
  };
}

/** A GET naming its document by hash (`documentId`, or Apollo's `persistedQuery` extension). */
function isPersistedGet(request: Request, url: URL): boolean {
  if (request.method !== 'GET') return false;
  const { searchParams } = url;
  return (
    searchParams.has('documentId') ||
    (searchParams.get('extensions')?.includes('persistedQuery') ?? false)
  );
}
