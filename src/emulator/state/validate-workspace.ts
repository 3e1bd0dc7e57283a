import {
  checkId,
  checkOptionalFields,
  checkUnique,
  entryLabel,
  ID_PATTERNS,
  isObject,
  isStringArray,
  type JsonObject,
  Problems,
} from './validation/checks.js';
import { validateConversations } from './validation/conversations.js';
import { validateMessages } from './validation/messages.js';
import type { WorkspaceFile } from './workspace-file.js';

/** How many problems the error message spells out; `problems` always holds all of them. */
const MESSAGE_PROBLEM_LIMIT = 50;

const APP_DISTRIBUTIONS = ['internal', 'marketplace', 'unlisted'];

/** A workspace file that failed validation; `problems` lists every mistake found. */
export class WorkspaceValidationError extends Error {
  override readonly name = 'WorkspaceValidationError';

  /** @param source where the file came from (a path), named in the message when given */
  constructor(
    readonly problems: readonly string[],
    source?: string,
  ) {
    const shown = problems.slice(0, MESSAGE_PROBLEM_LIMIT).map((problem) => `  - ${problem}`);
    const more = problems.length - shown.length;
    if (more > 0) shown.push(`  ... and ${more} more`);
    const file = source === undefined ? 'workspace file' : `workspace file ${source}`;
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super(`Invalid ${file} (${count}):\n${shown.join('\n')}`);
  }
}

/**
 * Checks an untyped value (parsed JSON) against the workspace file format: the shape of the
 * team, users, tokens, conversations and messages, and their referential integrity (members,
 * creators and token users exist; IDs are unique and shaped as Slack's; IMs have two members;
 * thread replies point at a parent). Collects every problem before failing, so a broken file is
 * fixed in one pass.
 *
 * @param source a path to name in the error message
 * @returns the same value, typed
 * @throws WorkspaceValidationError naming each offending entry
 * @see shared/slack-api/REFERENCE.md §2 (data model)
 */
export function validateWorkspaceFile(value: unknown, source?: string): WorkspaceFile {
  const problems = new Problems();
  if (!isObject(value)) {
    problems.add('workspace', 'must be a JSON object');
    throw new WorkspaceValidationError(problems.list, source);
  }
  validateTeam(problems, value.team);
  const users = arrayOf(problems, value, 'users');
  const userIds = validateUsers(problems, users);
  validateTokens(problems, arrayOf(problems, value, 'tokens'), userIds);
  if (value.app !== undefined) validateApp(problems, value.app);
  const conversations = validateConversations(
    problems,
    arrayOf(problems, value, 'conversations'),
    userIds,
  );
  if (value.messages !== undefined) {
    validateMessages(problems, value.messages, conversations, userIds);
  }
  if (problems.list.length > 0) throw new WorkspaceValidationError(problems.list, source);
  return value as unknown as WorkspaceFile;
}

function arrayOf(problems: Problems, file: JsonObject, key: string): unknown[] {
  const value = file[key];
  if (Array.isArray(value)) return value;
  problems.add(key, 'must be an array');
  return [];
}

function validateTeam(problems: Problems, team: unknown): void {
  if (!isObject(team)) {
    problems.add('team', 'must be an object');
    return;
  }
  checkId(problems, 'team', team, 'id', ID_PATTERNS.team);
  if (typeof team.name !== 'string' || team.name === '') {
    problems.add('team', 'name must be a non-empty string');
  }
  checkOptionalFields(problems, 'team', team, {
    string: ['domain', 'email_domain', 'enterprise_name'],
  });
  if (team.enterprise_id !== undefined) {
    checkId(problems, 'team', team, 'enterprise_id', ID_PATTERNS.enterprise);
  }
}

/** @returns the IDs of the well-formed users, for reference checks */
function validateUsers(problems: Problems, users: unknown[]): Set<string> {
  const ids: (string | undefined)[] = [];
  const names: (string | undefined)[] = [];
  users.forEach((user, index) => {
    const where = entryLabel('users', index, user);
    if (!isObject(user)) {
      problems.add(where, 'must be an object');
      ids.push(undefined);
      names.push(undefined);
      return;
    }
    ids.push(checkId(problems, where, user, 'id', ID_PATTERNS.user));
    const name = typeof user.name === 'string' && user.name !== '' ? user.name : undefined;
    if (name === undefined) problems.add(where, 'name must be a non-empty string');
    names.push(name);
    if (typeof user.deleted !== 'boolean') problems.add(where, 'deleted must be a boolean');
    if (typeof user.is_bot !== 'boolean') problems.add(where, 'is_bot must be a boolean');
    if (!isObject(user.profile)) problems.add(where, 'profile must be an object');
    checkOptionalFields(problems, where, user, {
      boolean: [
        'is_admin',
        'is_owner',
        'is_primary_owner',
        'is_restricted',
        'is_ultra_restricted',
        'is_app_user',
      ],
      integer: ['updated'],
      string: ['team_id', 'color', 'real_name', 'tz_label', 'locale'],
    });
  });
  checkUnique(problems, (index) => entryLabel('users', index, users[index]), ids, 'id');
  checkUnique(problems, (index) => entryLabel('users', index, users[index]), names, 'name');
  return new Set(ids.filter((id): id is string => id !== undefined));
}

/** The optional `app` object. Like tokens, its secrets never appear in a message. */
function validateApp(problems: Problems, app: unknown): void {
  if (!isObject(app)) {
    problems.add('app', 'must be an object');
    return;
  }
  checkId(problems, 'app', app, 'id', ID_PATTERNS.app);
  if (typeof app.signing_secret !== 'string' || app.signing_secret.length < 8) {
    problems.add('app', 'signing_secret must be a string of at least 8 characters');
  }
  if (typeof app.app_token !== 'string' || !/^xapp-\S+$/.test(app.app_token)) {
    problems.add('app', 'app_token must be a string starting with "xapp-"');
  }
  checkOptionalFields(problems, 'app', app, { string: ['verification_token'] });
  const known = new Set(['id', 'signing_secret', 'app_token', 'verification_token']);
  for (const key of Object.keys(app)) {
    if (!known.has(key)) problems.add('app', `unknown field ${key}`);
  }
}

function validateTokens(problems: Problems, tokens: unknown[], userIds: Set<string>): void {
  const values: (string | undefined)[] = [];
  tokens.forEach((token, index) => {
    // Never echo a token's value: errors may be logged.
    const where = `tokens[${index}]`;
    if (!isObject(token)) {
      problems.add(where, 'must be an object');
      values.push(undefined);
      return;
    }
    const value = typeof token.token === 'string' ? token.token : undefined;
    values.push(value);
    const isBot = value?.startsWith('xoxb-') ?? false;
    if (value === undefined || !/^xox[bp]-\S+$/.test(value)) {
      problems.add(where, 'token must be a string starting with "xoxp-" (user) or "xoxb-" (bot)');
    }
    if (typeof token.user_id !== 'string' || !userIds.has(token.user_id)) {
      problems.add(where, `user_id ${String(token.user_id)} is not a user`);
    }
    if (!isStringArray(token.scopes)) problems.add(where, 'scopes must be an array of strings');
    if (isBot) checkId(problems, where, token, 'bot_id', ID_PATTERNS.bot);
    else if (token.bot_id !== undefined) problems.add(where, 'bot_id is only for xoxb- tokens');
    checkOptionalFields(problems, where, token, { boolean: ['revoked'] });
    if (
      token.app_distribution !== undefined &&
      !APP_DISTRIBUTIONS.includes(String(token.app_distribution))
    ) {
      problems.add(where, `app_distribution must be one of ${APP_DISTRIBUTIONS.join(', ')}`);
    }
  });
  checkUnique(problems, (index) => `tokens[${index}]`, values, 'token', false);
}
