import type { ObjectRef, SchemaTypes } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { ConversationSnapshot } from '../../loaders/index.js';
import { SlackPlatformError } from '../../slack/errors.js';
import { builder, QueryRoot } from '../builder.js';
import type { GraphQLContext } from '../context-type.js';
import { selectedFieldNames } from '../selection.js';
import { FREE, READ_BY_ID, slackField } from '../slack-cost.js';
import { ConversationRef } from '../types/refs.js';

/** Every payload names the conversation it changed. */
export interface PayloadSource {
  conversationId: string;
}

type Types =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

/**
 * A payload type with the fields every mutation payload has: the conversation as Slack now has
 * it, and `query` to read anything else after the write in the same operation.
 */
export function conversationPayload<T extends PayloadSource>(
  name: string,
  description: string,
  /**
   * Slack's answer to the write holds the whole conversation, so `conversation` needs no
   * conversations.info call, nor its read scope (unless the answer was lost).
   */
  { answered = false }: { answered?: boolean } = {},
): ObjectRef<Types, T> {
  const ref = builder.objectRef<T>(name);
  builder.objectType(ref, {
    description,
    fields: (t) => ({
      conversation: t.field({
        // Counted in the mutation's own calls (WRITE), which include a conversations.info.
        ...slackField(answered ? { cost: FREE } : { cost: FREE, scopes: READ_BY_ID }),
        type: ConversationRef,
        nullable: true,
        description:
          'The conversation after the write, as Slack now has it; null only when the caller can no longer see it (e.g. after leaving a private channel).',
        resolve: (payload, _args, context, info) =>
          freshConversation(payload.conversationId, context, info),
      }),
      query: t.field({
        type: QueryRoot,
        description: 'The query root, to read anything else after the write (same request).',
        resolve: () => ({}),
      }),
    }),
  });
  return ref;
}

/**
 * The conversation after a write: the object Slack answered with (primed by `afterWrite`) or one
 * fresh conversations.info call, made only when the payload's `conversation` is selected.
 */
async function freshConversation(
  id: string,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): Promise<ConversationSnapshot | null> {
  const selected = selectedFieldNames(info);
  try {
    return await context.loaders.conversations.load(id, {
      numMembers: selected.has('numMembers'),
      locale: selected.has('locale'),
    });
  } catch (error) {
    if (error instanceof SlackPlatformError && error.error === 'channel_not_found') return null;
    throw error;
  }
}

/** An input type whose only field is the conversation's `id` (archive, join, leave, ...). */
export function conversationIdInput(name: string, description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      id: t.id({ required: true, description: 'The conversation (Slack ID, e.g. `C…`).' }),
    }),
  });
}
