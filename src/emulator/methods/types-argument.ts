import { SLACK_CONVERSATION_TYPES, type SlackConversationType } from '../../slack/wire-types.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { Caller, MethodContext } from './method-context.js';

const READ_SCOPE: Record<SlackConversationType, string> = {
  public_channel: 'channels:read',
  private_channel: 'groups:read',
  mpim: 'mpim:read',
  im: 'im:read',
};

/** Every scope that lets a token use a conversation list method (one per conversation type). */
export const LIST_SCOPES: readonly string[] = [
  'channels:read',
  'groups:read',
  'mpim:read',
  'im:read',
];

function isConversationType(value: string): value is SlackConversationType {
  return SLACK_CONVERSATION_TYPES.some((type) => type === value);
}

/**
 * Reads the `types` argument of conversations.list / users.conversations and checks the token
 * may list each of them, in Slack's order:
 * 1. a token with none of the four `*:read` scopes → `missing_scope` (`needed` lists all four);
 * 2. `types` is a comma-separated list (spaces trimmed, default `public_channel`); a name that is
 *    not a conversation type → `invalid_types`;
 * 3. a requested type whose `*:read` scope the token lacks → `missing_scope` naming the missing
 *    scopes. Slack's docs leave open whether it errors or silently filters
 *    (docs/slack-behaviour.md#open-questions); real Slack answers `missing_scope` here, so clients
 *    learn they asked for more than they may see.
 * @see https://docs.slack.dev/reference/methods/conversations.list
 */
export function requestedTypes(
  context: MethodContext,
  caller: Caller,
): ReadonlySet<SlackConversationType> {
  const provided = [...caller.scopes].join(',');
  if (!LIST_SCOPES.some((scope) => caller.scopes.has(scope))) {
    throw new SlackApiError('missing_scope', { needed: LIST_SCOPES.join(','), provided });
  }
  const names = context.params.list('types') ?? [];
  const types = new Set<SlackConversationType>();
  for (const name of names) {
    if (!isConversationType(name)) throw new SlackApiError('invalid_types');
    types.add(name);
  }
  if (types.size === 0) types.add('public_channel');
  const missing = [...types]
    .map((type) => READ_SCOPE[type])
    .filter((scope) => !caller.scopes.has(scope));
  if (missing.length > 0) {
    throw new SlackApiError('missing_scope', { needed: missing.join(','), provided });
  }
  return types;
}
