import { createHash } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionResult,
  getOperationAST,
  Kind,
  OperationTypeNode,
  print,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheStore } from './cache-store.js';
import type { CacheObserver } from './caching-slack-api.js';
import type { Provenance, ReadProvenance } from './provenance.js';
import type { ReadLog } from './read-log.js';

/** The context fields the response cache reads (src/http/context.ts fills them). */
export interface ResponseCacheContext {
  /** Records the request's Slack reads; absent when the response cache is off. */
  readLog?: ReadLog | undefined;
  /** SHA-256 of the request's token; responses are only ever served to the same token. */
  tokenHash?: string | undefined;
  /** The HTTP request (yoga adds it to every context). */
  request?: Request | undefined;
}

/** What keeps a stored response servable: the tag versions it was built under, and its expiry. */
export interface ResponseValidity {
  readonly tags: Provenance['tags'];
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface ResponseCacheOptions {
  store: CacheStore;
  provenance: ReadProvenance;
  observer?: Pick<CacheObserver, 'lookup'> | undefined;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
  /**
   * Hears each request answered from a stored response, with what keeps that response valid
   * (the repeat-request fast path, src/http/repeat-fast-path.ts, keeps the bytes sent).
   */
  onHit?: ((request: Request, validity: ResponseValidity) => void) | undefined;
}

/** Stored until the earliest expiry of its answers (the store's TTL), served while `tags` hold. */
interface CachedResponse extends ResponseValidity {
  /** The response as sent: `{"data":…}`. */
  body: string;
}

/** yoga sends `stringify()` instead of serialising a result again (its result processor). */
type SerializedResult = ExecutionResult & { stringify(): string };

const KEY_PREFIX = 'r2:';
/** `null`: the document is never cached (it defers or streams: its answer is not one result). */
const documentKeys = new WeakMap<DocumentNode, string | null>();

/**
 * Whole responses of queries, kept exactly as long as every Slack answer they were built from
 * would be served by the cache: until the earliest of those answers expires, and no longer than
 * a write that bumps one of their tags (src/cache/cache-policy.ts). A repeat of a query by the
 * same token then skips execution entirely, not only Slack.
 *
 * Cached: queries whose every Slack read came from the cache's own bookkeeping (any other read,
 * a failure, a partial result with errors, `@defer`/`@stream`, mutations: not cached).
 * Keys: SHA-256 of the token hash, the printed document, the operation name and the variables.
 */
export function useResponseCache({
  store,
  provenance,
  observer,
  now = Date.now,
  onHit,
}: ResponseCacheOptions): Plugin<ResponseCacheContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const { readLog, tokenHash, request } = args.contextValue;
      if (readLog === undefined || tokenHash === undefined) return undefined;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== OperationTypeNode.QUERY) return undefined;
      const documentKey = keyOfDocument(args.document);
      if (documentKey === null) return undefined;
      const key = `${KEY_PREFIX}${createHash('sha256')
        .update(
          JSON.stringify([tokenHash, documentKey, args.operationName ?? null, args.variableValues]),
        )
        .digest('hex')}`;
      const cached = (await store.get(key).catch(() => undefined)) as CachedResponse | undefined;
      if (cached !== undefined && (await provenance.isCurrent(cached.tags))) {
        observer?.lookup('response', 'hit');
        if (request !== undefined) onHit?.(request, cached);
        setResultAndStopExecution(fromBody(cached.body));
        return undefined;
      }
      observer?.lookup('response', 'miss');
      return {
        async onExecuteDone({ result, setResult }) {
          if (!isSingleResult(result) || result.errors !== undefined || !result.data) return;
          const built = readLog.provenance();
          const ttlMs = built === undefined ? 0 : built.expiresAt - now();
          if (built === undefined || ttlMs <= 0) return;
          const body = JSON.stringify({ data: result.data });
          const serialized: SerializedResult = { ...result, stringify: () => body };
          setResult(serialized);
          // A store that fails only costs later hits.
          const entry: CachedResponse = { body, tags: built.tags, expiresAt: built.expiresAt };
          await store.set(key, entry, ttlMs).catch(() => {});
        },
      };
    },
  };
}

/** A result whose `data` is only parsed if a plugin reads it; yoga sends `body` as it is. */
function fromBody(body: string): SerializedResult {
  let data: ExecutionResult['data'];
  return {
    get data() {
      data ??= (JSON.parse(body) as ExecutionResult).data;
      return data;
    },
    stringify: () => body,
  };
}

function isSingleResult(result: unknown): result is ExecutionResult {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);
}

/** The printed document (stable across processes), or `null` if it defers or streams. */
function keyOfDocument(document: DocumentNode): string | null {
  let key = documentKeys.get(document);
  if (key !== undefined) return key;
  let incremental = false;
  visit(document, {
    [Kind.DIRECTIVE]: (node) => {
      if (node.name.value === 'defer' || node.name.value === 'stream') incremental = true;
    },
  });
  key = incremental ? null : print(document);
  documentKeys.set(document, key);
  return key;
}
