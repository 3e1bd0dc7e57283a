import { badUserInput } from '../errors.js';
import type { PageRequest, SlackPage } from '../loaders/index.js';
import { type CursorSealer, processCursorSealer } from './cursor-seal.js';

/** `first` when the client gives none. */
export const DEFAULT_FIRST = 100;
/** The largest `first` a client may ask for. */
export const MAX_FIRST = 1000;

/** The Relay arguments as GraphQL hands them over. */
export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/**
 * A position in a Slack collection: the edge at `offset` of the page Slack returns for
 * (`cursor`, `limit`). `offset` -1 means "before the first item of page `cursor`", whatever its
 * `limit`; the edge cursor of the last item of a page that has a next page takes that form, so
 * resuming from it needs no second look at the page.
 */
export interface SlackPosition {
  cursor: string;
  limit: number;
  offset: number;
}

export interface SlackConnectionOptions<T> {
  args: ConnectionArgs;
  /** Identifies the connection: field, parent, filters and token fingerprint. */
  binding: string;
  /** The Slack method's largest accepted `limit`. */
  maxLimit: number;
  /**
   * The method cuts a page before dropping the rows the caller does not get (conversations.list,
   * users.conversations): its first page asks for more than `first + 1` (see `firstPageLimit`).
   */
  filtersAfterCut?: boolean | undefined;
  fetchPage(page: PageRequest): Promise<SlackPage<T>>;
  sealer?: CursorSealer;
}

export interface SlackEdge<T> {
  cursor: string;
  node: T;
}

export interface SlackConnection<T> {
  edges: SlackEdge<T>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Validated arguments: how many edges, and where to start. */
export interface ConnectionPlan {
  first: number;
  start: SlackPosition;
}

/**
 * Checks the Relay arguments without touching Slack: forward-only, `first` in 0..1000, and an
 * `after` cursor that this gateway sealed for this very connection.
 */
function planConnection(
  args: ConnectionArgs,
  binding: string,
  sealer: CursorSealer = processCursorSealer,
): ConnectionPlan {
  if (args.last != null || args.before != null) {
    throw badUserInput('`last` and `before` are not supported: Slack cursors are forward-only.');
  }
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw badUserInput(`\`first\` must be an integer from 0 to ${MAX_FIRST}.`);
  }
  if (args.after == null) return { first, start: { cursor: '', limit: 0, offset: -1 } };
  const payload = sealer.open(args.after, binding);
  const start = payload === undefined ? undefined : parsePosition(payload);
  if (!start) throw badUserInput('`after` is not a cursor of this connection.');
  return { first, start };
}

/**
 * Resolves a forward Relay connection over a Slack cursor-paginated method. It fetches pages
 * until it holds `first` items plus one more (or the collection ends), so `hasNextPage` is
 * exact; pages may be short or even empty while `next_cursor` is not, so it never judges the
 * end from a page's size. The first page of a walk asks for `first + 1` items, every other page
 * for `maxLimit` (see `firstPageLimit`). A page loader may
 * send another `limit` (see `SlackPage.limit`); edge cursors record the one sent, and resuming
 * inside a page asks for that very page again, which the cache answers.
 */
export function resolveSlackConnection<T>(
  options: SlackConnectionOptions<T>,
): Promise<SlackConnection<T>> {
  return resolveMappedSlackConnection(options, (item) => item);
}

/**
 * `resolveSlackConnection` with each Slack item turned into a node by `toNode`. Edge cursors are
 * sealed only when read: a query that selects neither `cursor` nor `startCursor`/`endCursor`
 * costs no HMAC at all.
 */
export async function resolveMappedSlackConnection<T, N>(
  options: SlackConnectionOptions<T>,
  toNode: (item: T) => N,
): Promise<SlackConnection<N>> {
  const sealer = options.sealer ?? processCursorSealer;
  const { first, start } = planConnection(options.args, options.binding, sealer);
  const mint: CursorMint = { sealer, binding: options.binding };
  const edges: LazyEdge<N>[] = [];
  let hasNextPage = false;
  let cursor = start.cursor;
  let skip = start.offset + 1;
  let replayLimit: number | undefined = start.offset >= 0 ? start.limit : undefined;
  let wanted =
    start.cursor === ''
      ? firstPageLimit(first, options.maxLimit, options.filtersAfterCut)
      : options.maxLimit;

  for (;;) {
    const asked = replayLimit ?? Math.min(wanted, options.maxLimit);
    const page = await options.fetchPage({ cursor, limit: asked });
    const limit = page.limit ?? asked;
    const items = page.items;
    const lastIndex = items.length - 1;
    for (let offset = skip; offset <= lastIndex; offset += 1) {
      if (edges.length === first) {
        hasNextPage = true;
        break;
      }
      const position =
        offset === lastIndex && page.nextCursor !== ''
          ? { cursor: page.nextCursor, limit: 0, offset: -1 }
          : { cursor, limit, offset };
      edges.push(new LazyEdge(toNode(items[offset] as T), position, mint));
    }
    if (hasNextPage || page.nextCursor === '') break;
    cursor = page.nextCursor;
    skip = 0;
    replayLimit = undefined;
    wanted = options.maxLimit;
  }

  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: options.args.after != null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/**
 * The first page of a method that filters after the cut asks for twice `first + 1` rows, at least
 * `FILTERED_FIRST_PAGE_FLOOR`. Slack drops rows of other `types`, archived rows with
 * `excludeArchived` and private channels the caller is not in after cutting the page, so a page
 * of `first + 1` rows would come back short whenever any is dropped, and a short page costs one
 * call and one round trip more. Twice as many serve a filter that keeps half of the rows (the
 * default `types` keeps the public channels: 80% of the benchmark workspace's rows); the floor,
 * these methods' own default `limit`, serves a small `first` among many dropped rows (direct
 * messages of a small workspace).
 */
export const FILTERED_FIRST_PAGE_FACTOR = 2;
export const FILTERED_FIRST_PAGE_FLOOR = 100;

/**
 * The `limit` of a walk's first page: `first` edges plus one item more (to know whether a next
 * page exists; more for a method that filters after the cut, see `FILTERED_FIRST_PAGE_FACTOR`), at
 * most `maxLimit`. Not more: rows cost time to produce, send and parse (the emulator answers
 * conversations.list with `limit=999` in about 15 ms, with `limit=101` in about 6), and a query
 * that wants `first` edges waits for all of them. A walk still costs ceil(N / `maxLimit`) + 1 calls
 * at most: every later page asks for `maxLimit`, and edge cursors point into the page Slack
 * returned. What a larger first page would buy is one cached page serving several `first`
 * values (`first: 10`, then `first: 20`, with the cache on): here the later query makes a call.
 */
export function firstPageLimit(first: number, maxLimit: number, filtersAfterCut = false): number {
  const rows = first + 1;
  const asked = filtersAfterCut
    ? Math.max(rows * FILTERED_FIRST_PAGE_FACTOR, FILTERED_FIRST_PAGE_FLOOR)
    : rows;
  return Math.min(asked, maxLimit);
}

interface CursorMint {
  sealer: CursorSealer;
  binding: string;
}

/** An edge whose cursor is sealed on first read, then kept. */
class LazyEdge<N> implements SlackEdge<N> {
  #cursor: string | undefined;
  readonly node: N;
  readonly #position: SlackPosition;
  readonly #mint: CursorMint;

  constructor(node: N, position: SlackPosition, mint: CursorMint) {
    this.node = node;
    this.#position = position;
    this.#mint = mint;
  }

  get cursor(): string {
    this.#cursor ??= this.#mint.sealer.seal(formatPosition(this.#position), this.#mint.binding);
    return this.#cursor;
  }
}

function formatPosition(position: SlackPosition): string {
  return JSON.stringify([position.cursor, position.limit, position.offset]);
}

function parsePosition(payload: string): SlackPosition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [cursor, limit, offset] = value as unknown[];
  if (typeof cursor !== 'string' || !Number.isInteger(limit) || !Number.isInteger(offset)) {
    return undefined;
  }
  const position = { cursor, limit: limit as number, offset: offset as number };
  const valid =
    position.offset === -1 ? position.limit === 0 : position.offset >= 0 && position.limit > 0;
  return valid ? position : undefined;
}
