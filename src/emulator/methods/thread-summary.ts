import type { SlackMessage, SlackTs } from '../../slack/wire-types.js';
import type { StoredConversation } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';

/** A reply is a message whose `thread_ts` names another message. */
export function isReply(message: WorkspaceMessage): boolean {
  return message.thread_ts !== undefined && message.thread_ts !== message.ts;
}

/** Replies of each thread, keyed by the parent's ts, oldest first (messages are stored sorted). */
export function threadIndex(conversation: StoredConversation): Map<SlackTs, WorkspaceMessage[]> {
  const index = new Map<SlackTs, WorkspaceMessage[]>();
  for (const message of conversation.messages) {
    if (!isReply(message) || message.thread_ts === undefined) continue;
    const replies = index.get(message.thread_ts) ?? [];
    replies.push(message);
    index.set(message.thread_ts, replies);
  }
  return index;
}

/**
 * A message as history/replies return it. Thread parents get Slack's computed summary
 * (`thread_ts`, `reply_count`, `reply_users_count`, `latest_reply`, `reply_users` — user IDs, or
 * bot IDs for bot replies without a user, in order of first reply). `metadata` is dropped unless
 * `include_all_metadata` was set.
 */
export function presentMessage(
  message: WorkspaceMessage,
  index: ReadonlyMap<SlackTs, readonly WorkspaceMessage[]>,
  includeMetadata: boolean,
): SlackMessage {
  const { metadata, ...rest } = message;
  const result: SlackMessage = { ...rest };
  if (includeMetadata && metadata) result.metadata = metadata;
  const replies = index.get(message.ts);
  if (!replies || replies.length === 0) return result;
  const replyUsers = [...new Set(replies.flatMap((reply) => reply.user ?? reply.bot_id ?? []))];
  const latest = replies.at(-1);
  return {
    ...result,
    thread_ts: message.ts,
    reply_count: replies.length,
    reply_users_count: replyUsers.length,
    ...(latest ? { latest_reply: latest.ts } : {}),
    reply_users: replyUsers,
  };
}
