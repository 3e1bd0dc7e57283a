import type { ConversationSnapshot } from '../../loaders/index.js';
import type {
  SlackCanvas,
  SlackMessage,
  SlackProperties,
  SlackReaction,
  SlackRestriction,
  SlackTab,
  SlackTopic,
  SlackUser,
} from '../../slack/wire-types.js';
import { builder } from '../builder.js';

/**
 * Every object ref, declared once so type modules can reference each other without import
 * cycles. Backing models are Slack's wire shapes (snake_case); fields map them to camelCase.
 */
export const ConversationRef = builder.objectRef<ConversationSnapshot>('Conversation');
/**
 * A user by ID, with the user object once loaded. Many references (creators, members, authors)
 * need only the ID, so the object is loaded only when a field needs it.
 */
export interface UserSource {
  id: string;
  data?: SlackUser | undefined;
}
export const UserRef = builder.objectRef<UserSource>('User');

/** A message and the conversation it belongs to (Slack's message object does not say). */
export interface MessageSource {
  channel: string;
  message: SlackMessage;
  /** The conversation, when the message came from one already loaded. */
  conversation?: ConversationSnapshot | undefined;
}
export const MessageRef = builder.objectRef<MessageSource>('Message');

/** `team.info`'s team, or the part of it `auth.test` already told (`id` and `name`). */
export interface TeamSource {
  id: string;
  name: string;
  domain?: string | undefined;
  /** Whether this came from team.info (so a missing `domain` means Slack has none). */
  complete: boolean;
}
export const TeamRef = builder.objectRef<TeamSource>('Team');

/** The caller; every field reads `auth.test`, once per request. */
export type ViewerSource = Record<string, never>;
export const ViewerRef = builder.objectRef<ViewerSource>('Viewer');

export const TopicRef = builder.objectRef<SlackTopic>('Topic');
export const PropertiesRef = builder.objectRef<SlackProperties>('Properties');
export const RestrictionRef = builder.objectRef<SlackRestriction>('Restriction');
export const ConversationTabRef = builder.objectRef<SlackTab>('ConversationTab');
export const CanvasRef = builder.objectRef<SlackCanvas>('Canvas');
export const ReactionRef = builder.objectRef<SlackReaction>('Reaction');

export const ConversationConnectionRef = builder.connectionObject({
  type: ConversationRef,
  name: 'ConversationConnection',
});
export const UserConnectionRef = builder.connectionObject({
  type: UserRef,
  name: 'UserConnection',
});
export const MessageConnectionRef = builder.connectionObject({
  type: MessageRef,
  name: 'MessageConnection',
});
