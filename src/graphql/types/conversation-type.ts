import type { SlackConversation, SlackConversationType } from '../../slack/wire-types.js';
import { builder } from '../builder.js';

/** GraphQL names of Slack's conversation types, in Slack's order. */
const CONVERSATION_TYPES = {
  PUBLIC_CHANNEL: 'public_channel',
  PRIVATE_CHANNEL: 'private_channel',
  MPIM: 'mpim',
  IM: 'im',
} as const satisfies Record<string, SlackConversationType>;

export type ConversationTypeName = keyof typeof CONVERSATION_TYPES;

export const ConversationTypeEnum = builder.enumType('ConversationType', {
  description: "A conversation's kind, Slack's `types` values.",
  values: {
    PUBLIC_CHANNEL: { description: '`public_channel`' },
    PRIVATE_CHANNEL: { description: '`private_channel`' },
    MPIM: { description: '`mpim`: a multi-person direct message.' },
    IM: { description: '`im`: a direct message between two parties.' },
  } as const,
});

/** Classifies by flags, never by ID prefix (Slack says prefixes can change). */
export function conversationTypeOf(conversation: SlackConversation): ConversationTypeName {
  if (conversation.is_im) return 'IM';
  if (conversation.is_mpim) return 'MPIM';
  if (conversation.is_private) return 'PRIVATE_CHANNEL';
  return 'PUBLIC_CHANNEL';
}

/** The `types` argument as Slack's CSV, or `undefined` for Slack's default (`public_channel`). */
export function typesArgument(
  types: readonly ConversationTypeName[] | null | undefined,
): string | undefined {
  if (!types || types.length === 0) return undefined;
  return [...new Set(types)].map((type) => CONVERSATION_TYPES[type]).join(',');
}
