import type { SlackTs } from '../../slack/wire-types.js';
import { decodeTsCursor } from '../protocol/cursors.js';
import type { SlackErrorCode } from '../protocol/error-codes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { compareTs } from '../state/store.js';
import type { Caller, MethodContext } from './method-context.js';

/** Slack's 2025 rule for unlisted (non-Marketplace) apps: `limit` default and maximum 15. */
export const UNLISTED_APP_LIMIT = 15;

/** The arguments shared by conversations.history and conversations.replies. */
export interface TimelineQuery {
  /** Normalised lower bound (`oldest`), exclusive unless `inclusive`. */
  oldest: SlackTs | undefined;
  /** Normalised upper bound (`latest`), exclusive unless `inclusive`. */
  latest: SlackTs | undefined;
  /** Slack's default for an absent `latest`: now (inclusive, as nothing is newer). */
  now: SlackTs;
  inclusive: boolean;
  limit: number;
  /** The ts a `next_ts` cursor points at. */
  cursorTs: SlackTs | undefined;
  /** `oldest` / `latest` exactly as sent, for the echo Slack puts in history responses. */
  echo: { oldest?: string; latest?: string };
  includeAllMetadata: boolean;
}

/**
 * Reads `oldest`, `latest` (unix timestamps with or without the fraction; anything else is
 * `invalid_ts_oldest` / `invalid_ts_latest`), `inclusive`, `limit` (clamped; tokens of unlisted
 * apps get Slack's 2025 default and maximum of 15), `cursor` and `include_all_metadata`.
 * An absent `latest` means now, as at Slack: messages a workspace file dates after the
 * emulator's clock stay hidden until then.
 * @see shared/slack-api/REFERENCE.md §3.5 and §3.6
 */
export function readTimelineQuery(
  context: MethodContext,
  caller: Caller,
  limits: { defaultLimit: number; maxLimit: number },
): TimelineQuery {
  const unlisted = caller.token.app_distribution === 'unlisted';
  const rawOldest = context.params.string('oldest');
  const rawLatest = context.params.string('latest');
  const oldest = parseBound(rawOldest, 'invalid_ts_oldest');
  const latest = parseBound(rawLatest, 'invalid_ts_latest');
  const limit = unlisted
    ? context.params.limit(UNLISTED_APP_LIMIT, UNLISTED_APP_LIMIT)
    : context.params.limit(limits.defaultLimit, limits.maxLimit);
  const cursor = context.params.string('cursor');
  const echo: TimelineQuery['echo'] = {};
  if (rawOldest !== undefined) echo.oldest = rawOldest;
  if (rawLatest !== undefined) echo.latest = rawLatest;
  return {
    oldest,
    latest,
    now: context.state.nowTs(),
    inclusive: context.params.bool('inclusive'),
    limit,
    cursorTs: cursor === undefined ? undefined : decodeTsCursor(cursor),
    echo,
    includeAllMetadata: context.params.bool('include_all_metadata'),
  };
}

/** Whether `ts` lies within the query's bounds (exclusive unless `inclusive`). */
export function inBounds(ts: SlackTs, query: TimelineQuery): boolean {
  const floor = query.inclusive ? 0 : 1;
  if (query.oldest !== undefined && compareTs(ts, query.oldest) < floor) return false;
  if (query.latest === undefined) return compareTs(ts, query.now) <= 0;
  return compareTs(query.latest, ts) >= floor;
}

function parseBound(raw: string | undefined, errorCode: SlackErrorCode): SlackTs | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d*))?$/.exec(raw.trim());
  if (!match) throw new SlackApiError(errorCode);
  const [, seconds = '0', fraction = ''] = match;
  return `${seconds}.${fraction.padEnd(6, '0').slice(0, 6)}`;
}
