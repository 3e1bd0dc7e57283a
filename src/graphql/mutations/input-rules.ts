/**
 * Input rules checked before calling Slack, only where the rule is Slack's and certain; each
 * answers the code Slack would answer. Everything else is left to Slack, whose answer maps to
 * the same `ValidationError` (src/graphql/mutations/slack-failures.ts).
 * @see https://docs.slack.dev/reference/methods/conversations.create
 */

/** A refused input: the field, the code Slack answers for it, and a sentence for people. */
export interface InputProblem {
  field: string;
  code: string;
  message: string;
}

/** "80 characters or less", counted in Unicode characters. */
export const CHANNEL_NAME_MAX_LENGTH = 80;
/** Topics and purposes: at most 250 characters. */
export const TOPIC_MAX_LENGTH = 250;
/** conversations.open: at most 8 users besides the caller. */
const OPEN_MAX_USERS = 8;

/**
 * Lowercase letters of any script (scripts without case count as lowercase), digits, `-` and
 * `_`; an upper-case letter is a disallowed character like any other.
 */
const NAME_CHARACTERS = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}_-]+$/u;
const PUNCTUATION_ONLY = /^[-_]+$/;

/** Sentences for the codes Slack answers about inputs (also used for Slack's own answers). */
export const VALIDATION_MESSAGES: Readonly<Record<string, string>> = {
  invalid_name_required: 'A channel name is required.',
  no_channel: 'A channel name is required.',
  invalid_name_maxlength: `Channel names are at most ${CHANNEL_NAME_MAX_LENGTH} characters long.`,
  invalid_name_specials:
    'Channel names may contain only lowercase letters, digits, hyphens and underscores.',
  invalid_name_punctuation: 'Channel names need more than hyphens and underscores.',
  invalid_name: 'Slack does not accept this channel name.',
  too_long: `At most ${TOPIC_MAX_LENGTH} characters.`,
  users_list_not_supplied: 'List at least one user (or give `channel`).',
  not_enough_users: 'List at least one user besides yourself.',
  too_many_users: 'Too many users for one call.',
  no_user: 'List at least one user.',
  invalid_timestamp: 'Not a Slack message timestamp ("1700000000.000100").',
  invalid_arguments: 'A required value is missing or malformed.',
};

function problem(field: string, code: string): InputProblem {
  return { field, code, message: VALIDATION_MESSAGES[code] ?? code };
}

/**
 * A name for conversations.create, which Slack validates and never rewrites, in Slack's order:
 * required → length → characters → punctuation only.
 */
export function channelNameProblem(name: string): InputProblem | undefined {
  if (name.length === 0) return problem('name', 'invalid_name_required');
  if ([...name].length > CHANNEL_NAME_MAX_LENGTH) return problem('name', 'invalid_name_maxlength');
  if (!NAME_CHARACTERS.test(name)) return problem('name', 'invalid_name_specials');
  if (PUNCTUATION_ONLY.test(name)) return problem('name', 'invalid_name_punctuation');
  return undefined;
}

/**
 * A name for conversations.rename. Slack may normalise a new name to fit the rules (upper case,
 * spaces), so the only certain rule is that a blank name cannot become one.
 * @see https://docs.slack.dev/reference/methods/conversations.rename
 */
export function renameProblem(name: string): InputProblem | undefined {
  return name.trim().length === 0 ? problem('name', 'invalid_name_required') : undefined;
}

/** A topic or purpose: required (Slack cannot clear it with "") and at most 250 characters. */
export function topicProblem(field: 'topic' | 'purpose', value: string): InputProblem | undefined {
  if (value.length === 0) {
    return { field, code: 'invalid_arguments', message: `A ${field} is required.` };
  }
  if ([...value].length > TOPIC_MAX_LENGTH) return problem(field, 'too_long');
  return undefined;
}

/**
 * The user IDs Slack reads from a `users` list: Slack splits the CSV it receives, trims each ID,
 * drops empty ones and ignores repeats.
 */
export function distinctUserIds(users: readonly string[]): string[] {
  const ids = users.flatMap((entry) => entry.split(',')).map((id) => id.trim());
  return [...new Set(ids.filter((id) => id.length > 0))];
}

/**
 * conversations.open's users, unless `channel` resumes a conversation (it then takes
 * precedence). The caller may list themselves (Slack drops them), so only more than 8 others
 * plus the caller is certainly too many.
 */
export function openUsersProblem(
  users: readonly string[] | null | undefined,
  channel: string | null | undefined,
): InputProblem | undefined {
  if (channel !== null && channel !== undefined && channel !== '') return undefined;
  const ids = distinctUserIds(users ?? []);
  if (ids.length === 0) return problem('users', 'users_list_not_supplied');
  if (ids.length > OPEN_MAX_USERS + 1) return problem('users', 'too_many_users');
  return undefined;
}

/** conversations.invite's users: at least one (Slack's `no_user`). */
export function inviteUsersProblem(users: readonly string[]): InputProblem | undefined {
  return distinctUserIds(users).length === 0 ? problem('users', 'no_user') : undefined;
}
