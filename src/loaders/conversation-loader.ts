import DataLoader from 'dataloader';
import type { SlackConversation, SlackConversationResponse } from '../slack/wire-types.js';
import { afterPendingWork } from './batch-schedule.js';
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
   * otherwise one conversations.info call with `extras`.
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

export function createConversationLoader(call: SlackCaller): ConversationLoader {
  const known = new Map<string, ConversationSnapshot>();
  const infoCache = new Map<string, Promise<ConversationSnapshot>>();

  const remember = (snapshot: ConversationSnapshot): void => {
    const current = known.get(snapshot.data.id);
    if (!current || ORIGIN_RANK[snapshot.origin] >= ORIGIN_RANK[current.origin]) {
      known.set(snapshot.data.id, snapshot);
    }
  };

  const info = new DataLoader<InfoKey, ConversationSnapshot, string>(
    async (keys) => {
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
    { cacheKeyFn: infoKey, cacheMap: infoCache, batchScheduleFn: afterPendingWork },
  );

  const loadInfo = (id: string, extras: InfoExtras = {}): Promise<ConversationSnapshot> => {
    const numMembers = extras.numMembers === true;
    const locale = extras.locale === true;
    for (const n of numMembers ? [true] : [false, true]) {
      for (const l of locale ? [true] : [false, true]) {
        const cached = infoCache.get(infoKey({ id, numMembers: n, locale: l }));
        if (cached) return cached;
      }
    }
    return info.load({ id, numMembers, locale });
  };

  return {
    load(id, extras) {
      const snapshot = known.get(id);
      return snapshot ? Promise.resolve(snapshot) : loadInfo(id, extras);
    },
    loadInfo,
    prime(conversations, origin) {
      for (const data of conversations) {
        remember({ data, origin, withNumMembers: false, withLocale: false });
      }
    },
    forget(id) {
      known.delete(id);
      for (const numMembers of [false, true]) {
        for (const locale of [false, true]) info.clear({ id, numMembers, locale });
      }
    },
  };
}

function infoKey(key: InfoKey): string {
  return `${key.id}|${key.numMembers ? 1 : 0}|${key.locale ? 1 : 0}`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
