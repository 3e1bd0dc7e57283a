import { SlackPlatformError } from '../../slack/errors.js';
import type { SlackArgs } from '../../slack/slack-api.js';
import type { SlackConversation, SlackConversationResponse } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context-type.js';
import { NameTakenError, RestrictedActionError } from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { channelNameProblem } from './input-rules.js';
import { conversationPayload, type PayloadSource } from './payload.js';
import { answeredChannel } from './perform-write.js';
import { isOutcomeUnknown, validationFailure } from './slack-failures.js';

/**
 * How far Slack's clock may be behind ours when deciding that a channel was created by this
 * mutation's own first attempt (its `created` is in Slack's seconds).
 */
const CREATE_CLOCK_SKEW_SECONDS = 10;

/** users.conversations page size while looking for a channel this mutation may have created. */
const LOOKUP_PAGE_SIZE = 999;

const CreateConversationInput = builder.inputType('CreateConversationInput', {
  description: 'conversations.create',
  fields: (t) => ({
    name: t.string({
      required: true,
      description:
        'Lowercase letters, digits, `-` and `_`, at most 80 characters; Slack never rewrites it.',
    }),
    isPrivate: t.boolean({ description: 'Create a private channel (default: public).' }),
    teamId: t.id({ description: 'Org-wide (Enterprise) tokens only: the workspace.' }),
  }),
});

const CreateConversationPayload = conversationPayload<PayloadSource>(
  'CreateConversationPayload',
  'The new channel; the caller is its creator and only member.',
  { answered: true },
);

defineMutation({
  name: 'createConversation',
  description:
    'Creates a public or private channel (conversations.create). Never creates two: after a lost answer the gateway checks what Slack did.',
  input: CreateConversationInput,
  payload: CreateConversationPayload,
  errors: [NameTakenError, RestrictedActionError],
  field: 'name',
  scopes: { conversations: { access: 'write', types: 'is-private-input' } },
  async resolve(input, context) {
    const found = channelNameProblem(input.name);
    if (found) throw validationFailure(found);
    const channel = await createChannel(context, {
      name: input.name,
      is_private: input.isPrivate ?? undefined,
      team_id: input.teamId ?? undefined,
    });
    context.loaders.afterWrite({ fresh: channel });
    return { conversationId: channel.id };
  },
});

/**
 * conversations.create, never twice in effect. Names are unique, so a repeat cannot make a
 * second channel: it either creates the only one (the first attempt never reached Slack) or
 * answers `name_taken`. After `name_taken` (or a second lost answer) the caller's own channels
 * are searched for one with that name that the caller created since this mutation began: that
 * is the first attempt's channel. Otherwise `name_taken` is genuine, or the failure stands.
 * @see https://docs.slack.dev/reference/methods/conversations.create
 */
async function createChannel(context: GraphQLContext, args: SlackArgs): Promise<SlackConversation> {
  const { loaders } = context;
  const create = async () =>
    answeredChannel(await loaders.write<SlackConversationResponse>('conversations.create', args));
  const startedSeconds = Math.floor(Date.now() / 1000);
  let first: unknown;
  try {
    const channel = await create();
    if (channel !== undefined) return channel;
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    first = error;
  }
  // Lists cached earlier in this request predate the channel the first attempt may have made.
  loaders.afterWrite({});
  let second: unknown;
  try {
    const channel = await create();
    if (channel !== undefined) return channel;
  } catch (error) {
    const taken = error instanceof SlackPlatformError && error.error === 'name_taken';
    if (!taken && !isOutcomeUnknown(error)) throw error;
    second = error;
  }
  const mine = await findOwnNewChannel(context, args, startedSeconds);
  if (mine !== undefined) return mine;
  throw second instanceof SlackPlatformError ? second : (first ?? second);
}

/** The caller's channel named `args.name` created since `sinceSeconds` (minus clock skew). */
async function findOwnNewChannel(
  context: GraphQLContext,
  args: SlackArgs,
  sinceSeconds: number,
): Promise<SlackConversation | undefined> {
  const { loaders } = context;
  const { user_id: caller } = await loaders.authTest();
  const filter = {
    // The creator is a member of a new channel, so their own list (cheaper than the whole
    // workspace's) holds it; new channels are never archived.
    types: args.is_private === true ? 'private_channel' : 'public_channel',
    excludeArchived: true,
  };
  let cursor = '';
  do {
    const page = await loaders.pages.usersConversations(filter, {
      cursor,
      limit: LOOKUP_PAGE_SIZE,
    });
    const match = page.items.find(
      (channel) =>
        channel.name === args.name &&
        channel.creator === caller &&
        channel.created >= sinceSeconds - CREATE_CLOCK_SKEW_SECONDS,
    );
    if (match !== undefined) return match;
    cursor = page.nextCursor;
  } while (cursor !== '');
  return undefined;
}
