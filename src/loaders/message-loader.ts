import type { SlackMessage, SlackMessagesResponse, SlackTs } from '../slack/wire-types.js';
import type { SlackCaller } from './slack-caller.js';

/** Where a message lives: its conversation, its `ts`, and its thread parent's `ts` for replies. */
export interface MessageKey {
  channel: string;
  ts: SlackTs;
  threadTs?: SlackTs | undefined;
}

export interface MessageLoader {
  /**
   * One message, or `null` when it no longer exists. Messages already seen in a history or
   * replies page of this request cost no call; otherwise a top-level message is read with
   * `conversations.history` (`latest=ts&inclusive=true&limit=1`) and a reply with
   * `conversations.replies` on its thread (`oldest=ts&inclusive=true`).
   * @see https://docs.slack.dev/reference/methods/conversations.history
   */
  load(key: MessageKey): Promise<SlackMessage | null>;
  prime(channel: string, messages: readonly SlackMessage[]): void;
}

export function createMessageLoader(call: SlackCaller): MessageLoader {
  const cache = new Map<string, Promise<SlackMessage | null>>();
  const keyOf = (channel: string, ts: SlackTs): string => `${channel}|${ts}`;

  const fetchOne = async ({ channel, ts, threadTs }: MessageKey): Promise<SlackMessage | null> => {
    const isReply = threadTs !== undefined && threadTs !== ts;
    const response = isReply
      ? await call<SlackMessagesResponse>('conversations.replies', {
          channel,
          ts: threadTs,
          oldest: ts,
          inclusive: true,
          // The thread parent may come first whatever the bounds, so leave room for it.
          limit: 2,
        })
      : await call<SlackMessagesResponse>('conversations.history', {
          channel,
          latest: ts,
          inclusive: true,
          limit: 1,
        });
    return response.messages.find((message) => message.ts === ts) ?? null;
  };

  return {
    load(key) {
      const cacheKey = keyOf(key.channel, key.ts);
      let pending = cache.get(cacheKey);
      if (!pending) {
        pending = fetchOne(key);
        cache.set(cacheKey, pending);
      }
      return pending;
    },
    prime(channel, messages) {
      for (const message of messages) {
        const cacheKey = keyOf(channel, message.ts);
        if (!cache.has(cacheKey)) cache.set(cacheKey, Promise.resolve(message));
      }
    },
  };
}
