import { SlackApiError } from '../protocol/slack-api-error.js';
import type { WorkspaceState } from '../state/store.js';

/** Slack's limit: "80 characters or less" (docs/slack-behaviour.md#open-questions). */
export const CHANNEL_NAME_MAX_LENGTH = 80;

/**
 * Lowercase letters (any script; scripts without case count as lowercase), digits, `-` and `_`.
 * Upper-case letters fail like any other disallowed character (`invalid_name_specials`).
 */
const ALLOWED = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}_-]+$/u;
const PUNCTUATION_ONLY = /^[-_]+$/;

/**
 * Checks a channel name the way conversations.create does: never rewritten, errors in the order
 * required → maxlength → specials (incl. upper case) → punctuation-only.
 * @see https://docs.slack.dev/reference/methods/conversations.create
 */
export function validateChannelName(name: string | undefined): string {
  if (name === undefined || name.length === 0) throw new SlackApiError('invalid_name_required');
  if ([...name].length > CHANNEL_NAME_MAX_LENGTH) throw new SlackApiError('invalid_name_maxlength');
  if (!ALLOWED.test(name)) throw new SlackApiError('invalid_name_specials');
  if (PUNCTUATION_ONLY.test(name)) throw new SlackApiError('invalid_name_punctuation');
  return name;
}

/**
 * conversations.rename "may normalize" the submitted name (docs/slack-behaviour.md#method-notes):
 * the emulator trims it, lower-cases it and turns runs of spaces and periods into one `-`, then
 * applies the create rules to the result, so other disallowed characters still fail.
 */
export function normalizeRenameName(name: string | undefined): string | undefined {
  return name
    ?.trim()
    .toLowerCase()
    .replace(/[\s.]+/g, '-');
}

/**
 * Channel names are unique across the workspace, archived channels and group DMs included
 * (`name_taken`). `exceptId` is the channel being renamed.
 */
export function requireNameAvailable(state: WorkspaceState, name: string, exceptId?: string): void {
  for (const { data } of state.conversations.values()) {
    if (data.id !== exceptId && !data.is_im && data.name === name) {
      throw new SlackApiError('name_taken');
    }
  }
}
