import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { CacheObserver } from '../cache/caching-slack-api.js';
import { createMemoryStore } from '../cache/memory-store.js';
import type { ReadProvenance } from '../cache/provenance.js';
import type { ResponseValidity } from '../cache/response-cache-plugin.js';
import { SLACK_COST_HEADER } from '../operation-cost/slack-cost-plugin.js';
import { resolveToken } from './context.js';
import type { HeaderLookup } from './csrf-guard.js';
import { matchesEtag } from './etag.js';

export interface RepeatFastPathOptions {
  /** The GraphQL endpoint; no other path is looked up. */
  graphqlPath: string;
  /** Used when a request has no `Authorization` header (as in src/http/context.ts). */
  defaultToken: string | undefined;
  /** The response cache's bookkeeping: whether a stored response's tags still hold. */
  provenance: Pick<ReadProvenance, 'isCurrent' | 'isCurrentNow'>;
  /** The request body limit; a larger body is left to yoga, which refuses it. */
  maxRequestBodyBytes?: number | undefined;
  /** Bytes of stored responses (and their keys) kept at most. @default 8 MiB */
  maxBytes?: number;
  observer?: Pick<CacheObserver, 'lookup'> | undefined;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

/**
 * What yoga's plugins before the fast path decide or add, for the front (`RepeatFastPath.front`),
 * which answers before yoga runs: the same guard functions the plugins use.
 */
export interface FrontChecks {
  /**
   * Whether every guard registered before the fast path lets this request through and yoga adds
   * nothing to its answer but `headers`; otherwise the front leaves it to yoga.
   */
  admits(method: string, header: HeaderLookup): boolean;
  /** Headers yoga's plugins add to such an answer (e.g. `Vary: Origin` while CORS is on). */
  headers?: Readonly<Record<string, string>>;
  /** Called as the front answers: the request id to send back, after recording the request. */
  answered?(method: string, header: HeaderLookup, status: number, ms: number): string;
}

export interface RepeatFastPath {
  /** Register after the guards and observability: its hit ends the request before parsing. */
  plugin: Plugin;
  /**
   * The same lookup in front of yoga, on node:http's request: a hit that `checks` admits is
   * answered without yoga (no Fetch Request, no plugin chain); anything else goes to `next`, with
   * the body it read kept on the request for yoga and its key handed to `plugin`.
   */
  front(next: RequestListener, checks: FrontChecks): RequestListener;
  /** The response cache's `onHit`: the response about to be sent is kept for a repeat. */
  answeredFromCache(request: Request, validity: ResponseValidity): void;
  /** Approximate bytes kept now (at most `maxBytes`). */
  readonly bytes: number;
}

/** A kept response: exactly the bytes a response-cache hit sent for the same request. */
interface KeptResponse extends ResponseValidity {
  contentType: string;
  body: string;
  /** `body`'s UTF-8 length, for `Content-Length`. */
  length: number;
  /** A strong validator of `body`. */
  etag: string;
}

/**
 * The largest operation (GET query string or POST body) looked up; a longer one takes the
 * ordinary path. Real operations are a few hundred bytes, persisted ones a few dozen.
 */
const MAX_OPERATION_BYTES = 32 * 1024;

/** Keys of hits the front remembers, and the longest operation it remembers one for. */
const MAX_REMEMBERED_KEYS = 1_024;
const MAX_REMEMBERED_KEY_BYTES = 4 * 1024;

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

  /** The request's token; a request without one is never looked up. */
  const tokenOf = (header: HeaderLookup): string | undefined => {
    const token = resolveToken(header('authorization'), defaultToken);
    return token === '' ? undefined : token;
  };

  /** A lookup's key: a hash of what shapes the answer. */
  const keyOf = (
    token: string,
    method: string,
    header: HeaderLookup,
    operation: string | Uint8Array,
  ): string =>
    // The token goes into the key's hash itself: no second hash of it, and the key reveals nothing.
    createHash('sha256')
      .update(shapeOf(token, method, header))
      .update(operation)
      .digest('base64url');

  /**
   * The front's keys of recent hits, by the exact bytes they hash (the body as latin1, one
   * character per byte): a repeat then costs a map lookup, not a SHA-256. Filled only by hits, so
   * only tokens Slack accepted and operations that had an answer get in; bounded in entries and
   * in the length of each.
   */
  const hitKeys = new Map<string, string>();
  const frontKeyOf = (
    token: string,
    method: string,
    header: HeaderLookup,
    operation: string | Buffer,
  ): { key: string; material: string | undefined } => {
    const material =
      operation.length > MAX_REMEMBERED_KEY_BYTES
        ? undefined
        : shapeOf(token, method, header) +
          (typeof operation === 'string' ? operation : operation.toString('latin1'));
    const remembered = material === undefined ? undefined : hitKeys.get(material);
    return { key: remembered ?? keyOf(token, method, header, operation), material };
  };
  const rememberHit = (material: string | undefined, key: string): void => {
    if (material === undefined || hitKeys.has(material)) return;
    if (hitKeys.size >= MAX_REMEMBERED_KEYS) hitKeys.clear();
    hitKeys.set(material, key);
  };

  /** The body's declared length when the fast path reads it, else `undefined`. */
  const readableLength = (header: HeaderLookup): number | undefined => {
    const length = header('content-length');
    if (length === null || !/^\d+$/.test(length)) return undefined;
    const bytes = Number(length);
    return bytes > 0 && bytes <= maxOperationBytes ? bytes : undefined;
  };

  /** A kept entry found: answered while its tags still hold, dropped otherwise. */
  const settle = (key: string, entry: KeptResponse, current: boolean): KeptResponse | undefined => {
    observer?.lookup('repeat_request', current ? 'hit' : 'miss');
    if (current) return entry;
    void kept.delete(key);
    return undefined;
  };

  /**
   * The kept answer under `key` while its tags still hold; a stale one is dropped. Without
   * waiting when the tag versions are in this process (a promise only for a shared store).
   */
  const lookUp = (key: string): KeptResponse | undefined | Promise<KeptResponse | undefined> => {
    const entry = kept.peek(key) as KeptResponse | undefined;
    if (entry === undefined) {
      observer?.lookup('repeat_request', 'miss');
      return undefined;
    }
    const current = provenance.isCurrentNow?.(entry.tags);
    if (current !== undefined) return settle(key, entry, current);
    return provenance.isCurrent(entry.tags).then(
      (holds) => settle(key, entry, holds),
      () => settle(key, entry, false),
    );
  };

  /** Keys the front computed for requests it handed to yoga (a miss, looked up once). */
  const frontKeys = new WeakMap<IncomingMessage, string>();

  const requestKey = async (request: Request, url: URL): Promise<string | undefined> => {
    const { method } = request;
    const header: HeaderLookup = (name) => request.headers.get(name);
    const token = tokenOf(header);
    if (token === undefined) return undefined;
    if (method === 'GET') {
      const { search } = url;
      return search.length > maxOperationBytes ? undefined : keyOf(token, method, header, search);
    }
    if (method !== 'POST' || readableLength(header) === undefined) return undefined;
    // yoga reads the same body afterwards (the request keeps it).
    return keyOf(token, method, header, await request.text());
  };

  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== graphqlPath) return;
      const nodeRequest = (serverContext as { req?: IncomingMessage } | undefined)?.req;
      const looked = nodeRequest === undefined ? undefined : frontKeys.get(nodeRequest);
      if (looked !== undefined) {
        keys.set(request, looked);
        return;
      }
      const key = await requestKey(request, url);
      if (key === undefined) return;
      const entry = await lookUp(key);
      if (entry === undefined) {
        keys.set(request, key);
        return;
      }
      const answer = answerOf(entry, isPersistedGet(request.method, url.searchParams), (name) =>
        request.headers.get(name),
      );
      endResponse(
        new fetchAPI.Response(answer.body, { status: answer.status, headers: answer.headers }),
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
      const entry: KeptResponse = {
        ...validity,
        contentType,
        body,
        length: Buffer.byteLength(body),
        etag,
      };
      await kept.set(key, entry, ttlMs);
      if (isPersistedGet(request.method, new URL(request.url).searchParams)) {
        response.headers.set('etag', etag);
        response.headers.set('cache-control', CACHE_CONTROL);
      }
    },
  };

  /** Sends a kept answer on node:http, with what yoga's plugins would have added. */
  const send = (
    response: ServerResponse,
    answer: Answer,
    checks: FrontChecks,
    requestId: string | undefined,
  ): void => {
    // `answer.headers` is this answer's own object: completed in place, not copied.
    const headers: Record<string, string | number> = answer.headers;
    if (checks.headers !== undefined) Object.assign(headers, checks.headers);
    if (requestId !== undefined) headers['x-request-id'] = requestId;
    if (answer.body === null) {
      response.writeHead(answer.status, headers).end();
      return;
    }
    headers['content-length'] = answer.length;
    response.writeHead(answer.status, headers).end(answer.body);
  };

  const front = (next: RequestListener, checks: FrontChecks): RequestListener => {
    /**
     * A lookup that failed before answering is left to yoga, whose own lookup then fails where
     * yoga reports errors.
     */
    const fail = (request: IncomingMessage, response: ServerResponse, error: unknown): void => {
      if (!response.headersSent && !frontKeys.has(request)) next(request, response);
      else response.destroy(error instanceof Error ? error : new Error(String(error)));
    };

    /**
     * Answers from `key`'s kept answer, or hands the request to yoga (a miss). A hit whose store
     * and tag versions are in this process is answered in this turn, without a closure or promise.
     */
    const answerOrPass = (
      request: IncomingMessage,
      response: ServerResponse,
      header: HeaderLookup,
      keyed: { key: string; material: string | undefined },
      persistedGet: boolean,
      started: number,
    ): void => {
      try {
        const found = lookUp(keyed.key);
        if (found instanceof Promise) {
          found
            .then((entry) =>
              answerWith(request, response, header, keyed, entry, persistedGet, started),
            )
            .catch((error: unknown) => fail(request, response, error));
          return;
        }
        answerWith(request, response, header, keyed, found, persistedGet, started);
      } catch (error) {
        fail(request, response, error);
      }
    };

    const answerWith = (
      request: IncomingMessage,
      response: ServerResponse,
      header: HeaderLookup,
      { key, material }: { key: string; material: string | undefined },
      entry: KeptResponse | undefined,
      persistedGet: boolean,
      started: number,
    ): void => {
      if (entry === undefined) {
        frontKeys.set(request, key);
        next(request, response);
        return;
      }
      rememberHit(material, key);
      const answer = answerOf(entry, persistedGet, header);
      const method = request.method as string;
      const id = checks.answered?.(method, header, answer.status, performance.now() - started);
      send(response, answer, checks, id);
    };

    return (request, response) => {
      const started = performance.now();
      const { method, url = '' } = request;
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      if ((method !== 'GET' && method !== 'POST') || path !== graphqlPath) {
        next(request, response);
        return;
      }
      const header = nodeHeaderLookup(request);
      const token = tokenOf(header);
      if (token === undefined || !checks.admits(method, header)) {
        next(request, response);
        return;
      }
      if (method === 'GET') {
        // Parsed as yoga parses it, so both look up the same key.
        const { search, searchParams } = new URL(url, 'http://localhost');
        if (search.length > maxOperationBytes) next(request, response);
        else {
          const key = frontKeyOf(token, method, header, search);
          const persistedGet = isPersistedGet(method, searchParams);
          answerOrPass(request, response, header, key, persistedGet, started);
        }
        return;
      }
      const length = readableLength(header);
      if (length === undefined) {
        next(request, response);
        return;
      }
      readBody(request, response, length, (body) => {
        // yoga reads a body kept on the request instead of the (now consumed) stream.
        (request as IncomingMessage & { body?: Buffer }).body = body;
        answerOrPass(
          request,
          response,
          header,
          frontKeyOf(token, method, header, body),
          false,
          started,
        );
      });
    };
  };

  return {
    plugin,
    front,
    answeredFromCache(request, validity) {
      answered.set(request, validity);
    },
    get bytes() {
      return kept.bytes;
    },
  };
}

/** What a key hashes besides the operation: the token and the headers that shape the answer. */
function shapeOf(token: string, method: string, header: HeaderLookup): string {
  const media = `${header('accept') ?? ''}\0${header('content-type') ?? ''}`;
  return `${token}\0${method}\0${media}\0${header(SLACK_COST_HEADER) ?? ''}\0`;
}

/** An answer from a kept response, for either transport. */
interface Answer {
  status: 200 | 304;
  /** A new object for each answer: node:http's sender completes it in place. */
  headers: Record<string, string>;
  /** `null` for a 304. */
  body: string | null;
  length: number;
}

/** A kept response as the answer to a repeat; a persisted GET also gets its ETag (and a 304). */
function answerOf(entry: KeptResponse, persistedGet: boolean, header: HeaderLookup): Answer {
  if (!persistedGet) {
    return {
      status: 200,
      headers: { 'content-type': entry.contentType },
      body: entry.body,
      length: entry.length,
    };
  }
  const validators = { etag: entry.etag, 'cache-control': CACHE_CONTROL };
  if (matchesEtag(header('if-none-match'), entry.etag)) {
    return { status: 304, headers: validators, body: null, length: 0 };
  }
  return {
    status: 200,
    headers: { 'content-type': entry.contentType, ...validators },
    body: entry.body,
    length: entry.length,
  };
}

/**
 * A node:http request's header as a Fetch `Headers` built from it reads it (as yoga's node adapter
 * builds them from `request.headers`): repeated headers joined with `, `.
 */
function nodeHeaderLookup(request: IncomingMessage): HeaderLookup {
  const { headers } = request;
  return (name) => {
    const value = headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/**
 * Reads a body whose `Content-Length` is `length` (node:http stops at it), then calls `done` with
 * its last chunk, without waiting for the stream's `end` (one tick later). A request whose client
 * goes away first gets no call, and its answer is cut off: nobody reads it.
 */
function readBody(
  request: IncomingMessage,
  response: ServerResponse,
  length: number,
  done: (body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  let received = 0;
  request.once('error', () => response.destroy());
  request.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
    if (received !== length) return;
    done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
  });
}

/** A GET naming its document by hash (`documentId`, or Apollo's `persistedQuery` extension). */
function isPersistedGet(method: string, searchParams: URLSearchParams): boolean {
  if (method !== 'GET') return false;
  return (
    searchParams.has('documentId') ||
    (searchParams.get('extensions')?.includes('persistedQuery') ?? false)
  );
}
