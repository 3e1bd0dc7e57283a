import { raiseMessage } from '../events/raise-events.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';

/** The fields of a system message besides `type` and `ts`. */
type SystemMessageFields = Omit<WorkspaceMessage, 'type' | 'ts'> & { subtype: string };

/**
 * Appends a message Slack posts on its own when a conversation changes (a "system" message with
 * a `subtype`), with a fresh `ts`, so conversations.history shows it, and raises its `message`
 * event.
 * @see https://docs.slack.dev/reference/events/message
 */
function post(
  state: WorkspaceState,
  conversation: StoredConversation,
  fields: SystemMessageFields,
): WorkspaceMessage {
  const message: WorkspaceMessage = { type: 'message', ts: state.nextTs(), ...fields };
  state.appendMessage(conversation, message);
  raiseMessage(state, conversation, message);
  return message;
}

/** `channel_join`; `inviter` when conversations.invite added the user. */
export function announceJoin(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  inviter?: string,
): WorkspaceMessage {
  const fields: SystemMessageFields = {
    subtype: 'channel_join',
    user: userId,
    text: `<@${userId}> has joined the channel`,
  };
  if (inviter !== undefined) fields.inviter = inviter;
  return post(state, conversation, fields);
}

/** `channel_leave`, for conversations.leave and for the user conversations.kick removed. */
export function announceLeave(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): WorkspaceMessage {
  return post(state, conversation, {
    subtype: 'channel_leave',
    user: userId,
    text: `<@${userId}> has left the channel`,
  });
}

/** `channel_topic`, text as in Slack's conversations.setTopic example. */
export function announceTopic(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  topic: string,
): WorkspaceMessage {
  return post(state, conversation, {
    subtype: 'channel_topic',
    user: userId,
    text: `set the channel topic: ${topic}`,
    topic,
  });
}

/** `channel_purpose`; Slack calls the purpose the channel "description" in its UI text. */
export function announcePurpose(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  purpose: string,
): WorkspaceMessage {
  return post(state, conversation, {
    subtype: 'channel_purpose',
    user: userId,
    text: `set the channel description: ${purpose}`,
    purpose,
  });
}

/** `channel_name`, with `old_name` and `name`. */
export function announceRename(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  oldName: string,
  name: string,
): WorkspaceMessage {
  return post(state, conversation, {
    subtype: 'channel_name',
    user: userId,
    text: `<@${userId}> has renamed the channel from "${oldName}" to "${name}"`,
    old_name: oldName,
    name,
  });
}

/** `channel_archive`. */
export function announceArchive(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): WorkspaceMessage {
  return post(state, conversation, {
    subtype: 'channel_archive',
    user: userId,
    text: `<@${userId}> archived the channel`,
  });
}

/** `channel_unarchive`. */
export function announceUnarchive(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): WorkspaceMessage {
  return post(state, conversation, {
    subtype: 'channel_unarchive',
    user: userId,
    text: `<@${userId}> un-archived the channel`,
  });
}
