import type { SlackConversationType } from '../../slack/wire-types.js';

interface TypeFlags {
  is_im?: boolean;
  is_mpim?: boolean;
  is_private?: boolean;
}

/** Classifies a conversation by its flags, never by its ID prefix (Slack says prefixes can change). */
export function conversationType(conversation: TypeFlags): SlackConversationType {
  if (conversation.is_im) return 'im';
  if (conversation.is_mpim) return 'mpim';
  if (conversation.is_private) return 'private_channel';
  return 'public_channel';
}
