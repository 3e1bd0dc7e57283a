import {
  checkOptionalFields,
  ID_PATTERNS,
  isObject,
  isStringArray,
  type JsonObject,
  type Problems,
  TS_PATTERN,
} from './checks.js';
import type { CheckedConversation } from './conversations.js';

/** Thread summary fields the emulator computes on parents (see WorkspaceMessage). */
const DERIVED_FIELDS = [
  'reply_count',
  'reply_users',
  'reply_users_count',
  'latest_reply',
  'parent_user_id',
] as const;

/**
 * Validates `messages`: keys are conversation IDs, each message is shaped as Slack's message
 * object with a well-formed `ts` unique in its conversation, authors and reactors are users, and
 * every thread reply points at an earlier top-level message of the same conversation.
 */
export function validateMessages(
  problems: Problems,
  messages: unknown,
  conversations: ReadonlyMap<string, CheckedConversation>,
  userIds: ReadonlySet<string>,
): void {
  if (!isObject(messages)) {
    problems.add('messages', 'must be an object keyed by conversation ID');
    return;
  }
  for (const [conversationId, list] of Object.entries(messages)) {
    const where = `messages.${conversationId}`;
    if (!conversations.has(conversationId)) {
      problems.add(where, 'is not the ID of a conversation in this file');
    }
    if (!Array.isArray(list)) {
      problems.add(where, 'must be an array of messages');
      continue;
    }
    validateConversationMessages(problems, where, list, userIds);
  }
}

function validateConversationMessages(
  problems: Problems,
  where: string,
  list: unknown[],
  userIds: ReadonlySet<string>,
): void {
  /** ts → whether that message is top-level (can be a thread parent). */
  const byTs = new Map<string, boolean>();
  const replies: { label: string; ts: string; threadTs: string }[] = [];
  list.forEach((message, index) => {
    const ts = isObject(message) && typeof message.ts === 'string' ? message.ts : undefined;
    const label = ts === undefined ? `${where}[${index}]` : `${where}[${index}] (ts ${ts})`;
    if (!isObject(message)) {
      problems.add(label, 'must be an object');
      return;
    }
    validateMessage(problems, label, message, userIds);
    if (ts === undefined || !TS_PATTERN.test(ts)) {
      problems.add(label, `ts must match ${TS_PATTERN}`);
      return;
    }
    if (byTs.has(ts)) problems.add(label, 'ts is already used by another message here');
    const threadTs = message.thread_ts;
    if (threadTs !== undefined && (typeof threadTs !== 'string' || !TS_PATTERN.test(threadTs))) {
      problems.add(label, `thread_ts must match ${TS_PATTERN}`);
      byTs.set(ts, false);
      return;
    }
    const isReply = threadTs !== undefined && threadTs !== ts;
    byTs.set(ts, !isReply);
    if (isReply) replies.push({ label, ts, threadTs });
    else if (message.subtype === 'thread_broadcast') {
      problems.add(label, 'a thread_broadcast must be a reply (thread_ts of another message)');
    }
  });
  for (const reply of replies) {
    const parentIsTopLevel = byTs.get(reply.threadTs);
    if (parentIsTopLevel === undefined) {
      problems.add(reply.label, `thread_ts ${reply.threadTs} is not a message here`);
    } else if (!parentIsTopLevel) {
      problems.add(reply.label, `thread_ts ${reply.threadTs} is itself a reply`);
    } else if (reply.threadTs >= reply.ts) {
      problems.add(reply.label, 'a reply must be newer than its parent');
    }
  }
}

function validateMessage(
  problems: Problems,
  where: string,
  message: JsonObject,
  userIds: ReadonlySet<string>,
): void {
  if (message.type !== 'message') problems.add(where, 'type must be "message"');
  if (typeof message.text !== 'string') problems.add(where, 'text must be a string');
  checkOptionalFields(problems, where, message, {
    string: ['subtype', 'team', 'client_msg_id', 'app_id', 'username', 'permalink', 'channel'],
    boolean: ['no_notifications', 'is_starred'],
  });
  for (const key of ['user', 'inviter'] as const) {
    const user = message[key];
    if (user !== undefined && (typeof user !== 'string' || !userIds.has(user))) {
      problems.add(where, `${key} ${String(user)} is not a user`);
    }
  }
  if (message.bot_id !== undefined) {
    if (typeof message.bot_id !== 'string' || !ID_PATTERNS.bot.test(message.bot_id)) {
      problems.add(where, `bot_id must match ${ID_PATTERNS.bot}`);
    }
  }
  for (const key of DERIVED_FIELDS) {
    if (key in message)
      problems.add(where, `${key} is computed by the emulator and must not be set`);
  }
  if (message.edited !== undefined) {
    const edited = message.edited;
    const valid =
      isObject(edited) &&
      typeof edited.user === 'string' &&
      userIds.has(edited.user) &&
      typeof edited.ts === 'string' &&
      TS_PATTERN.test(edited.ts);
    if (!valid) problems.add(where, 'edited must be {user: a user ID, ts: a timestamp}');
  }
  if (message.reactions !== undefined)
    validateReactions(problems, where, message.reactions, userIds);
  for (const key of ['blocks', 'attachments', 'files'] as const) {
    if (key in message && !Array.isArray(message[key])) {
      problems.add(where, `${key} must be an array`);
    }
  }
}

function validateReactions(
  problems: Problems,
  where: string,
  reactions: unknown,
  userIds: ReadonlySet<string>,
): void {
  if (!Array.isArray(reactions)) {
    problems.add(where, 'reactions must be an array');
    return;
  }
  reactions.forEach((reaction, index) => {
    const label = `reactions[${index}]`;
    if (!isObject(reaction) || typeof reaction.name !== 'string') {
      problems.add(where, `${label} must be {name, users, count}`);
      return;
    }
    if (!isStringArray(reaction.users)) {
      problems.add(where, `${label}.users must be an array of user IDs`);
      return;
    }
    for (const user of reaction.users) {
      if (!userIds.has(user)) problems.add(where, `${label} user ${user} is not a user`);
    }
    if (reaction.count !== reaction.users.length) {
      problems.add(where, `${label}.count must equal the number of users`);
    }
  });
}
