import { GatewayError, slackErrorToGraphQLError, type UpperSlackCode } from '../../errors.js';
import type { LiveTopic } from '../../events/live-bus.js';
import type { LiveEvent } from '../../events/live-event.js';
import { SlackPlatformError } from '../../slack/errors.js';
import type { SlackAuthTestResponse } from '../../slack/wire-types.js';
import type { GraphQLContext } from '../context-type.js';
import { BufferOverflowError, boundedStream } from './bounded-stream.js';
import type { LiveContext } from './live-context.js';
import { fanOutOf } from './live-fan-out.js';

/**
 * What a stream yields: an event for the subscriber (with the bus event it was selected from,
 * the same object for every subscriber that hears it), or the error that ends its stream.
 */
export type StreamItem<T> = { event: T; source: LiveEvent } | { end: GatewayError };

/**
 * The bus event a stream item was selected from, or undefined (an error ending one subscriber's
 * stream, which is that subscriber's alone). Subscribers of one document, variables and token
 * that get items of the same bus event get the same result (src/graphql/subscriptions/shared-execution.ts).
 */
export function sourceEventOf(item: unknown): LiveEvent | undefined {
  if (typeof item !== 'object' || item === null || !('source' in item)) return undefined;
  return (item as { source: LiveEvent }).source;
}

/** Slack's answers to conversations.info that mean "this token cannot see it". */
const INVISIBLE: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'method_not_supported_for_channel_type',
]);

/** Slack's answers that mean the token itself is gone. */
const TOKEN_GONE: ReadonlySet<string> = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
]);

/** The gateway takes no Slack events, so a subscription would never hear anything. */
export function liveEventsOff(): GatewayError {
  return new GatewayError(
    'Subscriptions need Slack events: set SLACK_SIGNING_SECRET or SLACK_APP_TOKEN.',
    'LIVE_EVENTS_OFF',
  );
}

function accessLost(channel: string): GatewayError {
  return new GatewayError(`This token can no longer see conversation ${channel}.`, 'ACCESS_LOST', {
    conversationId: channel,
  });
}

function tokenRevoked(): GatewayError {
  // Slack's own code, as a query with that token would get it.
  const code = 'TOKEN_REVOKED' as UpperSlackCode;
  return new GatewayError('The Slack token of this subscription was revoked.', code, {
    slack: { error: 'token_revoked' },
  });
}

function slowConsumer(capacity: number): GatewayError {
  return new GatewayError(
    `The subscriber fell more than ${capacity} events behind and was cut off.`,
    'SLOW_CONSUMER',
  );
}

/**
 * Whether the context's token sees `channel` now, by the same conversations.info lookup a query
 * makes (through fresh loaders and the shared cache, which the event that prompted the check
 * has already invalidated). A lost token ends the stream rather than reading as "invisible".
 */
async function canSee(context: GraphQLContext, channel: string): Promise<boolean> {
  context.renewLoaders?.(context);
  try {
    await context.loaders.conversations.loadInfo(channel);
    return true;
  } catch (error) {
    const slackError = error instanceof SlackPlatformError ? error.error : undefined;
    if (slackError !== undefined && INVISIBLE.has(slackError)) return false;
    if (slackError !== undefined && TOKEN_GONE.has(slackError)) throw tokenRevoked();
    throw slackErrorToGraphQLError(error) ?? error;
  }
}

/** Whether a revocation names the subscriber (its user, or its bot for a bot token). */
function revokes(event: LiveEvent, viewer: SlackAuthTestResponse): boolean {
  if (event.type !== 'tokensRevoked') return false;
  return (
    event.users.includes(viewer.user_id) ||
    (viewer.bot_id !== undefined && event.users.includes(viewer.bot_id))
  );
}

/** Whether `event` may take the subscriber's own access to its conversation away. */
function mayRevokeAccess(event: LiveEvent, userId: string): boolean {
  if (event.type === 'accessChanged') return event.user === userId;
  if (event.type !== 'conversationChanged') return false;
  return event.kind === 'DELETED' || (event.kind === 'MEMBER_LEFT' && event.user === userId);
}

/**
 * What a stream does with one bus event for one subscriber. Synchronous unless it must ask Slack
 * (an access check): it runs once per subscriber and event, and a thousand subscribers should not
 * cost a thousand promises for nothing.
 */
type Decide<T> = (
  event: LiveEvent,
  viewer: SlackAuthTestResponse,
) => StreamItem<T>[] | Promise<StreamItem<T>[]>;

/**
 * Listens to the bus topics first (so nothing published during the checks is missed), then runs
 * `check` (the start-time authorization): a failure rejects here, so the subscription fails to
 * start with the same error a query would get. Every event then runs through `decide`; the
 * stream ends after the first `end`, and a subscriber that falls `bufferSize` events behind is
 * cut off.
 */
async function openLiveStream<T>(
  context: GraphQLContext,
  topics: readonly LiveTopic[],
  check: () => Promise<SlackAuthTestResponse>,
  decide: Decide<T>,
): Promise<AsyncGenerator<StreamItem<T>>> {
  const live = context.live;
  if (live === undefined) throw liveEventsOff();
  const fanOut = fanOutOf(live.bus);
  const stops: Array<() => void> = [];
  const { sink, stream: events } = boundedStream<LiveEvent>(
    live.bufferSize,
    () => context.disconnect?.(),
    () => {
      for (const stop of stops) stop();
    },
  );
  for (const topic of [...topics, REVOCATIONS]) stops.push(fanOut.listen(topic, sink));
  let viewer: SlackAuthTestResponse;
  try {
    viewer = await check();
  } catch (error) {
    await events.return?.();
    throw error;
  }
  return liveItems(live, events, viewer, decide, context);
}

const DONE: IteratorResult<never, undefined> = { done: true, value: undefined };

/**
 * The subscriber's items: each buffered event through `decide`, until the first `end`. Written
 * as an iterator rather than an async generator, which costs several promise hops per `yield`
 * (one subscriber's event is one `then` here, however many subscribers hear it) and queues
 * `return()` behind a pending `next()` (a client leaving a quiet subscription would wait for
 * its next event). Consumers call `next()` one at a time, as graphql-js and yoga do.
 */
function liveItems<T>(
  live: LiveContext,
  events: AsyncIterableIterator<LiveEvent>,
  viewer: SlackAuthTestResponse,
  decide: Decide<T>,
  context: GraphQLContext,
): AsyncGenerator<StreamItem<T>> {
  live.streams.opened();
  let finished = false;
  const queued: StreamItem<T>[] = [];
  /** Ends the stream once, however it ends: stops its listeners and drops its buffer. */
  const finish = (): void => {
    if (finished) return;
    finished = true;
    queued.length = 0;
    live.streams.closed();
    void events.return?.();
  };
  const take = (): IteratorResult<StreamItem<T>> => {
    const item = queued.shift() as StreamItem<T>;
    // Each event resolves through fresh loaders: nothing read for an earlier one answers it.
    if ('event' in item) context.renewLoaders?.(context);
    else finish();
    return { done: false, value: item };
  };
  const emit = (
    items: StreamItem<T>[],
  ): IteratorResult<StreamItem<T>> | Promise<IteratorResult<StreamItem<T>>> => {
    if (finished) return DONE;
    if (items.length === 0) return pull();
    queued.push(...items);
    return take();
  };
  const decided = (error: unknown) => {
    if (!(error instanceof GatewayError)) {
      finish();
      throw error;
    }
    return emit([{ end: error }]);
  };
  const onEvent = (next: IteratorResult<LiveEvent>) => {
    if (next.done === true) {
      finish();
      return DONE;
    }
    const event = next.value;
    if (revokes(event, viewer)) return emit([{ end: tokenRevoked() }]);
    let items: StreamItem<T>[] | Promise<StreamItem<T>[]>;
    try {
      items = decide(event, viewer);
    } catch (error) {
      return decided(error);
    }
    return Array.isArray(items) ? emit(items) : items.then(emit, decided);
  };
  const onFailure = (error: unknown) => {
    if (error instanceof BufferOverflowError) return emit([{ end: slowConsumer(error.capacity) }]);
    finish();
    throw error;
  };
  const pull = (): Promise<IteratorResult<StreamItem<T>>> => {
    if (queued.length > 0) return Promise.resolve(take());
    if (finished) return Promise.resolve(DONE);
    return events.next().then(onEvent, onFailure);
  };
  const items: AsyncGenerator<StreamItem<T>> = {
    next: pull,
    async return() {
      // Closing the buffer first ends a pending `next()` at once.
      finish();
      return DONE;
    },
    async throw(error: unknown) {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => items,
  };
  return items;
}

/**
 * Events of one conversation the token can see: starts only if conversations.info answers for
 * the token (as the `conversation` query would), delivers what `select` picks, and ends with
 * `ACCESS_LOST` when a leave, a kick or a deletion takes that access away.
 */
export function conversationStream<T>(
  context: GraphQLContext,
  channel: string,
  select: (event: LiveEvent) => T | undefined,
): Promise<AsyncGenerator<StreamItem<T>>> {
  return openLiveStream(
    context,
    [{ conversation: channel }],
    async () => {
      const viewer = await context.loaders.authTest();
      await context.loaders.conversations.load(channel);
      return viewer;
    },
    (event, viewer) => {
      const selected = select(event);
      // The event that took access away is still the subscriber's to see (it was there).
      const items: StreamItem<T>[] =
        selected === undefined ? [] : [{ event: selected, source: event }];
      if (!mayRevokeAccess(event, viewer.user_id)) return items;
      return canSee(context, channel).then((sees) =>
        sees ? items : [...items, { end: accessLost(channel) }],
      );
    },
  );
}

/** Every stream also hears revocations, to end when its token goes. */
const REVOCATIONS: LiveTopic = { scope: 'revocations' };

/** Conversations one stream remembers seeing before it asks Slack again. */
const MAX_REMEMBERED = 10_000;

/**
 * Conversation changes of every conversation the token can see. Whether it sees one is asked
 * once per conversation (conversations.info, cached across subscribers of the same token) and
 * forgotten when the subscriber's own membership of it changes.
 */
export function workspaceStream<T>(
  context: GraphQLContext,
  select: (event: LiveEvent) => T | undefined,
): Promise<AsyncGenerator<StreamItem<T>>> {
  const visible = new Map<string, boolean>();
  return openLiveStream(
    context,
    [{ scope: 'conversations' }],
    () => context.loaders.authTest(),
    (event, viewer) => {
      if (event.type !== 'conversationChanged' && event.type !== 'accessChanged') return [];
      const { channel } = event;
      const deliver = (sees: boolean | undefined): StreamItem<T>[] => {
        // Membership of the subscriber's own user, or a deletion: ask again next time.
        const own = 'user' in event && event.user === viewer.user_id;
        if (own || (event.type === 'conversationChanged' && event.kind === 'DELETED')) {
          visible.delete(channel);
        }
        const selected = select(event);
        return sees === true && selected !== undefined ? [{ event: selected, source: event }] : [];
      };
      const known = visible.get(channel);
      if (known !== undefined || event.type !== 'conversationChanged' || event.kind === 'DELETED') {
        return deliver(known);
      }
      return canSee(context, channel).then((sees) => {
        if (visible.size >= MAX_REMEMBERED) visible.clear();
        visible.set(channel, sees);
        return deliver(sees);
      });
    },
  );
}
