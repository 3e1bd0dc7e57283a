import { parseScopes } from '../cache/user-directory-scopes.js';
import { SlackPlatformError } from '../slack/errors.js';
import { TIER_CALLS_PER_MINUTE } from '../slack/governor/rate-table.js';
import { SLACK_METHODS } from '../slack/methods.js';
import {
  SLACK_CONVERSATION_TYPES,
  type SlackConversation,
  type SlackConversationsListResponse,
  type SlackConversationType,
} from '../slack/wire-types.js';
import type { SlackCaller } from './slack-caller.js';

/**
 * What one conversations.list page costs in rate budget, counted in conversations.info calls:
 * list is Tier 2 (20+ a minute), info Tier 3 (50+ a minute), each in its own bucket, so a page
 * spends 2.5 times the share of its budget that one info call does
 * (docs/slack-behaviour.md#rate-limits).
 */
export const LIST_PAGE_COST = TIER_CALLS_PER_MINUTE.t3 / TIER_CALLS_PER_MINUTE.t2;

/**
 * The conversation types whose objects can carry an ID of each prefix
 * (docs/slack-behaviour.md#ids): `C…` is a public channel, a private channel or (since 2021) an
 * MPIM; `G…` a pre-2021 private channel or legacy MPIM; `D…` an IM. Any other ID is none Slack
 * lists; conversations.info answers it.
 */
const TYPES_BY_PREFIX: Readonly<Record<string, readonly SlackConversationType[]>> = {
  C: ['public_channel', 'private_channel', 'mpim'],
  G: ['private_channel', 'mpim'],
  D: ['im'],
};

/** The scope conversations.list needs per type (docs/slack-behaviour.md#scopes). */
const READ_SCOPE: Readonly<Record<SlackConversationType, string>> = {
  public_channel: 'channels:read',
  private_channel: 'groups:read',
  mpim: 'mpim:read',
  im: 'im:read',
};

const ALL_TYPES: ReadonlySet<SlackConversationType> = new Set(SLACK_CONVERSATION_TYPES);

/** Where a scan stands before its next page. */
export interface ScanProgress {
  /** conversations.list pages read so far. */
  pagesRead: number;
  /** Wanted IDs those pages held. */
  found: number;
  /** Wanted IDs not found yet. */
  missing: number;
}

/**
 * Whether reading one more conversations.list page is worth it, rather than conversations.info
 * for each of the `missing` IDs. Two rules, in rate budget (one page = `LIST_PAGE_COST` info
 * calls):
 * - the page could pay: finding every missing ID in it would save at least what reading it in
 *   vain would waste (`missing - cost ≥ cost`, i.e. 5 or more IDs). Smaller batches go to info.
 * - the pages read so far have paid: they held at least `cost` wanted IDs each on average. A
 *   scan therefore never costs more than one page (2.5 info calls, or one call) over asking
 *   conversations.info for every ID, however the IDs are spread over the workspace's pages.
 */
export function shouldReadPage(progress: ScanProgress): boolean {
  return (
    progress.missing >= 2 * LIST_PAGE_COST && progress.found >= LIST_PAGE_COST * progress.pagesRead
  );
}

/** The conversation types a list must ask for to hold `id`; none when Slack lists no such ID. */
export function typesForId(id: string): readonly SlackConversationType[] {
  return TYPES_BY_PREFIX[id.charAt(0)] ?? [];
}

export interface ConversationScanner {
  /**
   * Reads conversations.list pages for those of `ids` it can hold, while `shouldReadPage` allows,
   * and returns the wanted objects found; every object of every page read goes to `prime`. IDs
   * not returned are left to conversations.info, which answers each authoritatively (an ID the
   * token cannot see is Slack's `channel_not_found` there). A list failure therefore never
   * changes a result, only what it costs: it ends the scan and scanning for the rest of the
   * request, except `missing_scope` on the first page, after which the scan asks once more for
   * only the types the token's scopes (Slack's `provided`) may list, and remembers them.
   * @see https://docs.slack.dev/reference/methods/conversations.list
   */
  scan(ids: readonly string[]): Promise<Map<string, SlackConversation>>;
}

/** One scanner per request: it remembers which types the token may list. */
export function createConversationScanner(
  call: SlackCaller,
  prime: (conversations: readonly SlackConversation[]) => void,
): ConversationScanner {
  let listable = ALL_TYPES;
  let broken = false;

  return {
    async scan(ids) {
      const found = new Map<string, SlackConversation>();
      while (!broken) {
        const wanted = new Set(ids.filter((id) => listTypes([id], listable).length > 0));
        if (!shouldReadPage({ pagesRead: 0, found: 0, missing: wanted.size })) return found;
        const types = listTypes(wanted, listable);
        const outcome = await readPages(call, types, wanted, found, prime);
        if (outcome === undefined) return found;
        const narrowed = outcome.pagesRead === 0 ? grantedTypes(outcome.error, types) : undefined;
        if (narrowed === undefined) broken = true;
        else listable = narrowed;
      }
      return found;
    },
  };
}

/** Pages until `shouldReadPage` stops; the failure that ended the scan, if one did. */
async function readPages(
  call: SlackCaller,
  types: readonly SlackConversationType[],
  wanted: Set<string>,
  found: Map<string, SlackConversation>,
  prime: (conversations: readonly SlackConversation[]) => void,
): Promise<{ error: unknown; pagesRead: number } | undefined> {
  let cursor = '';
  let pagesRead = 0;
  do {
    let response: SlackConversationsListResponse;
    try {
      // The largest `limit`, since Slack cuts a page before filtering it, and the page loaders'
      // arguments for the same listing (src/loaders/page-loaders.ts), so a list the request also
      // pages through past its first page (or with `first` of 499 or more) shares its calls;
      // `exclude_archived` left at Slack's default, false, as conversations.info answers
      // archived conversations too.
      response = await call<SlackConversationsListResponse>('conversations.list', {
        types: types.join(','),
        limit: SLACK_METHODS['conversations.list'].maxLimit,
        cursor: cursor || undefined,
      });
    } catch (error) {
      return { error, pagesRead };
    }
    pagesRead += 1;
    prime(response.channels);
    for (const conversation of response.channels) {
      if (wanted.delete(conversation.id)) found.set(conversation.id, conversation);
    }
    cursor = response.response_metadata?.next_cursor ?? '';
  } while (cursor !== '' && shouldReadPage({ pagesRead, found: found.size, missing: wanted.size }));
  return undefined;
}

/**
 * The types `ids` can be that the token may list, in Slack's order, and no other: each costs a
 * scope and rows. (A `C…` private channel is then not listed for a token with only
 * `channels:read`; conversations.info answers it as it would have anyway.)
 */
export function listTypes(
  ids: Iterable<string>,
  listable: ReadonlySet<SlackConversationType> = ALL_TYPES,
): SlackConversationType[] {
  const needed = new Set<SlackConversationType>();
  for (const id of ids) for (const type of typesForId(id)) needed.add(type);
  return SLACK_CONVERSATION_TYPES.filter((type) => needed.has(type) && listable.has(type));
}

/**
 * After `missing_scope` for `requested` types: the types the token may list, from the scopes
 * Slack says it holds (`provided`), when that is fewer than were asked for. Otherwise (another
 * error, no `provided`, nothing to drop) `undefined`: asking again would fail the same way.
 */
export function grantedTypes(
  error: unknown,
  requested: readonly SlackConversationType[],
): ReadonlySet<SlackConversationType> | undefined {
  if (!(error instanceof SlackPlatformError) || error.error !== 'missing_scope') return undefined;
  const { provided } = error.data;
  if (typeof provided !== 'string') return undefined;
  const scopes = new Set(parseScopes(provided));
  const granted = SLACK_CONVERSATION_TYPES.filter((type) => scopes.has(READ_SCOPE[type]));
  return requested.every((type) => granted.includes(type)) ? undefined : new Set(granted);
}
