import DataLoader from 'dataloader';
import type { SlackConversation, SlackConversationResponse } from '../slack/wire-types.js';
import { afterPendingWork, type BatchObserver, observedBatch } from './batch-schedule.js';
import { createConversationScanner } from './conversation-scan.js';
import type { SlackCaller } from './slack-caller.js';

/** Where a conversation object came from; Slack's field presence differs per method. */
export type ConversationOrigin =
  | 'conversations.list'
  | 'users.conversations'
  | 'conversations.info';

/** The optional inclusions of conversations.info. */
export interface InfoExtras {
  /** `include_num_members=true` */
  numMembers?: boolean;
  /** `include_locale=true` */
  locale?: boolean;
}

/** A conversation object as one Slack method returned it. */
export interface ConversationSnapshot {
  readonly data: SlackConversation;
  readonly origin: ConversationOrigin;
  /** Only for conversations.info: whether `num_members` / `locale` were asked for. */
  readonly withNumMembers: boolean;
  readonly withLocale: boolean;
}

export interface ConversationLoader {
  /**
   * The best snapshot already known in this request (from a list page or an earlier info call),
   * otherwise a lookup. IDs looked up in the same tick are resolved together: from
   * conversations.list pages when the batch is large enough for that to cost less rate budget
   * (src/loaders/conversation-scan.ts), and by one conversations.info call with `extras` each for
   * the rest, for IDs the pages did not hold, and where a list object lacks an inclusion asked
   * for (`locale` always; `num_members` for MPIMs and IMs).
   * @see https://docs.slack.dev/reference/methods/conversations.info
   * @see https://docs.slack.dev/reference/methods/conversations.list
   */
  load(id: string, extras?: InfoExtras): Promise<ConversationSnapshot>;
  /**
   * A conversations.info snapshot carrying `extras`. Reuses any info call of this request made
   * with the same or more inclusions; keys requested in the same tick share one call per ID.
   * @see https://docs.slack.dev/reference/methods/conversations.info
   */
  loadInfo(id: string, extras?: InfoExtras): Promise<ConversationSnapshot>;
  /** Records objects that came in a list page so later lookups cost no call. */
  prime(conversations: readonly SlackConversation[], origin: ConversationOrigin): void;
  /** Forgets everything known about `id` (a write changed it): the next load asks Slack. */
  forget(id: string): void;
}

interface InfoKey {
  id: string;
  numMembers: boolean;
  locale: boolean;
}

const ORIGIN_RANK: Record<ConversationOrigin, number> = {
  'users.conversations': 0,
  'conversations.list': 1,
  'conversations.info': 2,
};

export function createConversationLoader(
  call: SlackCaller,
  observeBatch?: BatchObserver,
): ConversationLoader {
  const known = new Map<string, ConversationSnapshot>();
  const infoCache = new Map<string, Promise<ConversationSnapshot>>();

  const remember = (snapshot: ConversationSnapshot): void => {
    const current = known.get(snapshot.data.id);
    if (!current || ORIGIN_RANK[snapshot.origin] >= ORIGIN_RANK[current.origin]) {
      known.set(snapshot.data.id, snapshot);
    }
  };

  const info = new DataLoader<InfoKey, ConversationSnapshot, string>(
    observedBatch(
      'conversation_info',
      async (keys: readonly InfoKey[]) => {
        // One call per ID: if any key of the batch wants an inclusion, the shared call asks for it.
        const wanted = new Map<string, { numMembers: boolean; locale: boolean }>();
        for (const key of keys) {
          const flags = wanted.get(key.id) ?? { numMembers: false, locale: false };
          wanted.set(key.id, {
            numMembers: flags.numMembers || key.numMembers,
            locale: flags.locale || key.locale,
          });
        }
        const results = new Map<string, Promise<ConversationSnapshot>>();
        for (const [id, flags] of wanted) {
          results.set(
            id,
            call<SlackConversationResponse>('conversations.info', {
              channel: id,
              include_num_members: flags.numMembers || undefined,
              include_locale: flags.locale || undefined,
            }).then((response) => {
              const snapshot: ConversationSnapshot = {
                data: response.channel,
                origin: 'conversations.info',
                withNumMembers: flags.numMembers,
                withLocale: flags.locale,
              };
              remember(snapshot);
              return snapshot;
            }),
          );
        }
        return Promise.all(
          keys.map((key) => (results.get(key.id) as Promise<ConversationSnapshot>).catch(asError)),
        );
      },
      observeBatch,
    ),
    { cacheKeyFn: infoKey, cacheMap: infoCache, batchScheduleFn: afterPendingWork },
  );

  /** An info call of this request (made or in flight) with at least the inclusions of `key`. */
  const cachedInfo = (key: InfoKey): Promise<ConversationSnapshot> | undefined => {
    for (const numMembers of key.numMembers ? [true] : [false, true]) {
      for (const locale of key.locale ? [true] : [false, true]) {
        const cached = infoCache.get(infoKey({ id: key.id, numMembers, locale }));
        if (cached) return cached;
      }
    }
    return undefined;
  };

  const loadInfo = (id: string, extras: InfoExtras = {}): Promise<ConversationSnapshot> => {
    const key = toKey(id, extras);
    return cachedInfo(key) ?? info.load(key);
  };

  const prime = (conversations: readonly SlackConversation[], origin: ConversationOrigin): void => {
    for (const data of conversations) {
      remember({ data, origin, withNumMembers: false, withLocale: false });
    }
  };

  const scanner = createConversationScanner(call, (conversations) =>
    prime(conversations, 'conversations.list'),
  );

  /*
   * Lookups of IDs not known when asked. The batch first lets a scan of conversations.list
   * resolve the IDs whose list object can answer the key; a snapshot primed meanwhile (a page
   * another field read) is used as well. Everything else is one conversations.info call per ID.
   */
  const lookup = new DataLoader<InfoKey, ConversationSnapshot, string>(
    observedBatch(
      'conversations',
      async (keys: readonly InfoKey[]) => {
        const candidates = new Set<string>();
        for (const key of keys) {
          if (!known.has(key.id) && mayListAnswer(key)) candidates.add(key.id);
        }
        await scanner.scan([...candidates]);
        return Promise.all(
          keys.map((key) => {
            const snapshot = known.get(key.id);
            if (snapshot && answers(snapshot, key)) return snapshot;
            return loadInfo(key.id, key).catch(asError);
          }),
        );
      },
      observeBatch,
    ),
    { cacheKeyFn: infoKey, cacheMap: new Map(), batchScheduleFn: afterPendingWork },
  );

  return {
    load(id, extras = {}) {
      const snapshot = known.get(id);
      if (snapshot) return Promise.resolve(snapshot);
      const key = toKey(id, extras);
      return cachedInfo(key) ?? lookup.load(key);
    },
    loadInfo,
    prime,
    forget(id) {
      known.delete(id);
      for (const numMembers of [false, true]) {
        for (const locale of [false, true]) {
          info.clear({ id, numMembers, locale });
          lookup.clear({ id, numMembers, locale });
        }
      }
    },
  };
}

function toKey(id: string, extras: InfoExtras): InfoKey {
  return { id, numMembers: extras.numMembers === true, locale: extras.locale === true };
}

/**
 * Whether a conversations.list object can answer `key`: list objects never carry `locale`, and
 * IMs (`D…`) come in their minimal shape, without `num_members`
 * (docs/slack-behaviour.md#the-conversation-object).
 */
function mayListAnswer(key: InfoKey): boolean {
  return !key.locale && !(key.numMembers && key.id.startsWith('D'));
}

/** Whether `snapshot` holds what `key` asks for beyond the conversation itself. */
function answers(snapshot: ConversationSnapshot, key: InfoKey): boolean {
  if (key.locale && !(snapshot.withLocale || snapshot.data.locale !== undefined)) return false;
  return !key.numMembers || snapshot.withNumMembers || snapshot.data.num_members !== undefined;
}

function infoKey(key: InfoKey): string {
  return `${key.id}|${key.numMembers ? 1 : 0}|${key.locale ? 1 : 0}`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
