import type { SlackUser } from '../../slack/wire-types.js';
import { raiseMessage, raiseMessageChanged, raiseMessageDeleted } from '../events/raise-events.js';
import { conversationType } from '../protocol/conversation-kind.js';
import type { SlackErrorCode } from '../protocol/error-codes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';
import { isMember, isVisibleTo, requireCaller, requireScope } from './conversation-access.js';
import type { Caller, MethodContext, MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import { isReply } from './thread-summary.js';

/** Slack's limit on a message's `text`, in characters. */
export const MESSAGE_MAX_LENGTH = 40_000;

/** `chat:write` (granular) first, so `missing_scope` names it; then the legacy scopes. */
const CHAT_SCOPES: readonly string[] = ['chat:write', 'chat:write:bot', 'chat:write:user'];

/** Lets a bot post in public channels it is not a member of. */
const PUBLIC_POST_SCOPE = 'chat:write.public';

/**
 * The `channel` argument of the chat methods: an ID, or a channel name with or without `#`.
 * Conversations the caller cannot see are `channel_not_found`.
 */
function findChatConversation(context: MethodContext, caller: Caller): StoredConversation {
  const raw = context.params.string('channel');
  if (raw === undefined) throw new SlackApiError('channel_not_found');
  const { state } = context;
  const conversation = state.conversations.get(raw) ?? findByName(state, raw.replace(/^#/, ''));
  if (!conversation || !isVisibleTo(conversation, caller)) {
    throw new SlackApiError('channel_not_found');
  }
  return conversation;
}

function findByName(state: WorkspaceState, name: string): StoredConversation | undefined {
  for (const conversation of state.conversations.values()) {
    if (conversation.data.name === name && !conversation.data.is_mpim) return conversation;
  }
  return undefined;
}

/** `blocks` / `attachments`: a JSON array, sent as a string in forms or as an array in JSON. */
function jsonArray(
  context: MethodContext,
  name: string,
  error: SlackErrorCode,
): unknown[] | undefined {
  const raw = context.params.all()[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new SlackApiError(error);
    }
  }
  if (!Array.isArray(value)) throw new SlackApiError(error);
  return value;
}

/** The content arguments shared by postMessage and update. */
interface MessageContent {
  text: string | undefined;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
}

function readContent(context: MethodContext): MessageContent {
  const content = {
    text: context.params.string('text'),
    blocks: jsonArray(context, 'blocks', 'invalid_blocks_format'),
    attachments: jsonArray(context, 'attachments', 'invalid_attachments'),
  };
  if (content.text === undefined && !content.blocks?.length && !content.attachments?.length) {
    throw new SlackApiError('no_text');
  }
  if (content.text !== undefined && [...content.text].length > MESSAGE_MAX_LENGTH) {
    throw new SlackApiError('msg_too_long');
  }
  return content;
}

/** Whether a `posting_restricted_to` / `threads_restricted_to` rule lets `user` through. */
function allowedBy(
  rule: { type?: string[]; user?: string[] } | undefined,
  user: SlackUser | undefined,
): boolean {
  if (rule === undefined || user === undefined) return true;
  if (rule.user?.includes(user.id)) return true;
  const types = rule.type ?? [];
  if (types.includes('admin') && (user.is_admin || user.is_owner || user.is_primary_owner)) {
    return true;
  }
  return types.includes('owner') && Boolean(user.is_owner || user.is_primary_owner);
}

/** The top-level message a `thread_ts` names (a reply's ts names its parent's thread). */
function threadParent(conversation: StoredConversation, threadTs: string): WorkspaceMessage {
  const named = conversation.messages.find((message) => message.ts === threadTs);
  if (named === undefined) throw new SlackApiError('thread_not_found');
  if (!isReply(named)) return named;
  const parent = conversation.messages.find((message) => message.ts === named.thread_ts);
  if (parent === undefined) throw new SlackApiError('thread_not_found');
  return parent;
}

/** A new message as Slack stores it: a user's, or a bot's with `bot_id`, `app_id`, `bot_profile`. */
function authoredMessage(
  state: WorkspaceState,
  caller: Caller,
  content: MessageContent,
): WorkspaceMessage {
  const message: WorkspaceMessage = {
    user: caller.userId,
    type: 'message',
    ts: state.nextTs(),
    text: '',
  };
  const botId = caller.token.bot_id;
  if (caller.isBot && botId !== undefined) {
    message.bot_id = botId;
    message.app_id = state.app.id;
  }
  message.text = content.text ?? '';
  message.team = state.team.id;
  if (caller.isBot && botId !== undefined) {
    message.bot_profile = {
      id: botId,
      deleted: false,
      name: state.users.get(caller.userId)?.name ?? 'bot',
      updated: state.nowSeconds(),
      app_id: state.app.id,
      team_id: state.team.id,
    };
  }
  if (content.blocks !== undefined) message.blocks = content.blocks;
  if (content.attachments !== undefined) message.attachments = content.attachments;
  return message;
}

/**
 * chat.postMessage: posts as the token's user (a user token) or as the app's bot (a bot token).
 * Order of checks: scope (`missing_scope`), `channel` (`channel_not_found`), content (`no_text`,
 * `msg_too_long`, `invalid_blocks_format`, `invalid_attachments`), `is_archived`, membership
 * (`not_in_channel`; bots with `chat:write.public` may post in any public channel), posting
 * restrictions (`restricted_action`), then `thread_ts` (`thread_not_found`). Raises `message`.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage
 */
export const chatPostMessage: MethodDefinition = {
  name: 'chat.postMessage',
  tier: 'special',
  acceptsJson: true,
  acceptedScopes: [...CHAT_SCOPES, PUBLIC_POST_SCOPE],
  handle(context) {
    const caller = requireCaller(context);
    requireScope(caller, CHAT_SCOPES);
    const conversation = findChatConversation(context, caller);
    const content = readContent(context);
    const { data } = conversation;
    if (data.is_archived) throw new SlackApiError('is_archived');
    const publicPost =
      caller.isBot &&
      caller.scopes.has(PUBLIC_POST_SCOPE) &&
      conversationType(data) === 'public_channel';
    if (!isMember(conversation, caller.userId) && !publicPost) {
      throw new SlackApiError('not_in_channel');
    }
    const { state } = context;
    const user = state.users.get(caller.userId);
    const threadTs = context.params.string('thread_ts');
    const restriction = threadTs === undefined ? 'posting_restricted_to' : 'threads_restricted_to';
    if (!allowedBy(data.properties?.[restriction], user)) {
      throw new SlackApiError('restricted_action');
    }
    const message = authoredMessage(state, caller, content);
    if (threadTs !== undefined) {
      message.thread_ts = threadParent(conversation, threadTs).ts;
      if (context.params.bool('reply_broadcast')) message.subtype = 'thread_broadcast';
    }
    state.appendMessage(conversation, message);
    raiseMessage(state, conversation, message);
    return { channel: data.id, ts: message.ts, message: structuredClone(message) };
  },
};

/** The message `ts` names in the conversation, or `message_not_found`. */
function findMessage(context: MethodContext, conversation: StoredConversation): number {
  const ts = context.params.string('ts');
  const index = ts === undefined ? -1 : conversation.messages.findIndex((m) => m.ts === ts);
  if (index === -1) throw new SlackApiError('message_not_found');
  return index;
}

/**
 * A Tier 3 chat method on an existing message (`channel` and `ts`): scope, then
 * `channel_not_found`, then `message_not_found`; `handle` goes on with the message's index.
 */
function existingMessageMethod(
  name: string,
  handle: (
    context: MethodContext,
    caller: Caller,
    conversation: StoredConversation,
    index: number,
    message: WorkspaceMessage,
  ) => MethodResult,
): MethodDefinition {
  return {
    name,
    tier: 't3',
    acceptsJson: true,
    acceptedScopes: CHAT_SCOPES,
    handle(context) {
      const caller = requireCaller(context);
      requireScope(caller, CHAT_SCOPES);
      const conversation = findChatConversation(context, caller);
      const index = findMessage(context, conversation);
      return handle(
        context,
        caller,
        conversation,
        index,
        conversation.messages[index] as WorkspaceMessage,
      );
    },
  };
}

/** Whether the caller wrote the message: same user, and for bots the same bot. */
function isAuthor(message: WorkspaceMessage, caller: Caller): boolean {
  if (caller.isBot) return message.bot_id !== undefined && message.bot_id === caller.token.bot_id;
  return message.user === caller.userId && message.bot_id === undefined;
}

/**
 * chat.update: only the author may edit (`cant_update_message`). `text` replaces the text;
 * `blocks` and `attachments` replace theirs when given (an empty array removes them) and are kept
 * otherwise. The message gets `edited { user, ts }`. Archived channels answer `is_inactive`.
 * Raises `message_changed`.
 * @see https://docs.slack.dev/reference/methods/chat.update
 */
export const chatUpdate = existingMessageMethod(
  'chat.update',
  (context, caller, conversation, index, previous) => {
    if (!isAuthor(previous, caller)) throw new SlackApiError('cant_update_message');
    const content = readContent(context);
    if (conversation.data.is_archived) throw new SlackApiError('is_inactive');
    const { state } = context;
    const current: WorkspaceMessage = structuredClone(previous);
    if (content.text !== undefined) current.text = content.text;
    if (content.blocks !== undefined) current.blocks = content.blocks;
    if (content.attachments !== undefined) current.attachments = content.attachments;
    current.edited = { user: caller.userId, ts: state.nextTs() };
    conversation.messages[index] = current;
    raiseMessageChanged(state, conversation, previous, current);
    const { ts: _ts, ...message } = structuredClone(current);
    return { channel: conversation.data.id, ts: current.ts, text: current.text, message };
  },
);

/** Workspace admins and owners may delete anyone's messages with a user token. */
function mayDelete(state: WorkspaceState, message: WorkspaceMessage, caller: Caller): boolean {
  if (isAuthor(message, caller)) return true;
  if (caller.isBot) return false;
  const user = state.users.get(caller.userId);
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}

/**
 * chat.delete: the author, or (with a user token) a workspace admin or owner, may delete
 * (`cant_delete_message` otherwise). A thread parent that still has replies stays as Slack's
 * `tombstone` ("This message was deleted.", raising `message_changed`); any other message is
 * removed (raising `message_deleted`).
 * @see https://docs.slack.dev/reference/methods/chat.delete
 */
export const chatDelete = existingMessageMethod(
  'chat.delete',
  (context, caller, conversation, index, previous) => {
    const { state } = context;
    if (!mayDelete(state, previous, caller)) throw new SlackApiError('cant_delete_message');
    const hasReplies = conversation.messages.some(
      (message) => isReply(message) && message.thread_ts === previous.ts,
    );
    if (hasReplies) {
      const tombstone: WorkspaceMessage = Object.assign(
        {
          type: 'message' as const,
          subtype: 'tombstone',
          text: 'This message was deleted.',
          user: 'USLACKBOT',
        },
        { hidden: true, ts: previous.ts, thread_ts: previous.ts },
      );
      conversation.messages[index] = tombstone;
      raiseMessageChanged(state, conversation, previous, tombstone);
    } else {
      conversation.messages.splice(index, 1);
      raiseMessageDeleted(state, conversation, previous);
    }
    return { channel: conversation.data.id, ts: previous.ts };
  },
);

export const chatMethods: readonly MethodDefinition[] = [chatPostMessage, chatUpdate, chatDelete];
