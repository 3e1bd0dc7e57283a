import {
  checkId,
  checkOptionalFields,
  checkUnique,
  entryLabel,
  ID_PATTERNS,
  isNonNegativeInteger,
  isObject,
  isStringArray,
  type JsonObject,
  type Problems,
} from './checks.js';
import { validateProperties, validateTopic } from './properties.js';

/** What message validation needs to know about a conversation that passed its own checks. */
export interface CheckedConversation {
  where: string;
  members: ReadonlySet<string>;
}

const BOOLEAN_FIELDS = [
  'is_channel',
  'is_group',
  'is_im',
  'is_mpim',
  'is_private',
  'is_archived',
  'is_general',
  'is_shared',
  'is_ext_shared',
  'is_org_shared',
  'is_pending_ext_shared',
  'is_global_shared',
  'is_frozen',
  'is_read_only',
  'is_thread_only',
  'is_non_threadable',
  'is_open',
  'is_starred',
  'has_pins',
  'is_org_default',
  'is_org_mandatory',
  'is_user_deleted',
  'is_file',
  'is_ext_ws_shared',
  'is_channel_agent_enabled',
] as const;

const INTEGER_FIELDS = ['updated', 'unlinked', 'is_moved', 'retention_duration'] as const;

const STRING_FIELDS = [
  'name_normalized',
  'creator',
  'context_team_id',
  'conversation_host_id',
  'enterprise_id',
  'frozen_reason',
  'use_case',
] as const;

const STRING_ARRAY_FIELDS = [
  'previous_names',
  'pending_shared',
  'pending_connected_team_ids',
  'shared_team_ids',
  'internal_team_ids',
  'connected_team_ids',
  'connected_limited_team_ids',
] as const;

/** Fields the emulator computes per caller (see WorkspaceConversation); storing them is a mistake. */
const DERIVED_FIELDS = [
  'num_members',
  'is_member',
  'user',
  'last_read',
  'unread_count',
  'unread_count_display',
  'latest',
] as const;

/** Channel names: no spaces, upper case, `#`, `@` or `,`; at most 80 characters (Slack's limit). */
const CHANNEL_NAME = /^[^\sA-Z#@,]{1,80}$/u;
const MPIM_NAME = /^mpdm-[^\sA-Z#@,]+$/u;

/**
 * Validates the conversations array: shape, type flags that agree with each other, members and
 * creators that are users, unique IDs and names, at most one general channel.
 * @returns the conversations that can be referenced by messages, by ID
 */
export function validateConversations(
  problems: Problems,
  conversations: unknown[],
  userIds: ReadonlySet<string>,
): Map<string, CheckedConversation> {
  const checked = new Map<string, CheckedConversation>();
  const ids: (string | undefined)[] = [];
  const names: (string | undefined)[] = [];
  const generals: number[] = [];
  conversations.forEach((entry, index) => {
    const where = entryLabel('conversations', index, entry);
    if (!isObject(entry)) {
      problems.add(where, 'must be an object');
      ids.push(undefined);
      names.push(undefined);
      return;
    }
    const id = checkId(problems, where, entry, 'id', ID_PATTERNS.conversation);
    ids.push(id);
    names.push(entry.is_im === true ? undefined : validateName(problems, where, entry));
    if (entry.is_general === true) generals.push(index);
    checkFields(problems, where, entry, userIds);
    const members = validateMembers(problems, where, entry, userIds);
    validateKind(problems, where, entry, id, members);
    if (id !== undefined) checked.set(id, { where, members });
  });
  const label = (index: number) => entryLabel('conversations', index, conversations[index]);
  checkUnique(problems, label, ids, 'id');
  checkUnique(problems, label, names, 'name');
  for (const index of generals.slice(1)) {
    problems.add(label(index), 'is_general is true, but only one conversation may be general');
  }
  return checked;
}

function validateName(problems: Problems, where: string, entry: JsonObject): string | undefined {
  const name = entry.name;
  const pattern = entry.is_mpim === true ? MPIM_NAME : CHANNEL_NAME;
  if (typeof name !== 'string' || !pattern.test(name)) {
    problems.add(where, `name ${JSON.stringify(name)} is not a valid name (${pattern})`);
    return undefined;
  }
  return name;
}

function checkFields(
  problems: Problems,
  where: string,
  entry: JsonObject,
  userIds: ReadonlySet<string>,
): void {
  if (!isNonNegativeInteger(entry.created)) {
    problems.add(where, 'created must be a non-negative integer (seconds)');
  }
  checkOptionalFields(problems, where, entry, {
    boolean: BOOLEAN_FIELDS,
    integer: INTEGER_FIELDS,
    string: STRING_FIELDS,
  });
  for (const key of STRING_ARRAY_FIELDS) {
    if (key in entry && !isStringArray(entry[key])) {
      problems.add(where, `${key} must be an array of strings`);
    }
  }
  for (const key of DERIVED_FIELDS) {
    if (key in entry) problems.add(where, `${key} is computed by the emulator and must not be set`);
  }
  if ('priority' in entry && typeof entry.priority !== 'number') {
    problems.add(where, 'priority must be a number');
  }
  const parent = entry.parent_conversation;
  if (parent !== undefined && parent !== null && typeof parent !== 'string') {
    problems.add(where, 'parent_conversation must be a string or null');
  }
  if (typeof entry.creator === 'string' && entry.creator !== '' && !userIds.has(entry.creator)) {
    problems.add(where, `creator ${entry.creator} is not a user`);
  }
  for (const key of ['topic', 'purpose'] as const) {
    if (key in entry) validateTopic(problems, `${where} ${key}`, entry[key], userIds);
  }
  if ('properties' in entry) validateProperties(problems, where, entry.properties, userIds);
}

function validateMembers(
  problems: Problems,
  where: string,
  entry: JsonObject,
  userIds: ReadonlySet<string>,
): Set<string> {
  if (!isStringArray(entry.members)) {
    problems.add(where, 'members must be an array of user IDs');
    return new Set();
  }
  const members = new Set<string>();
  for (const member of entry.members) {
    if (!userIds.has(member)) problems.add(where, `member ${member} is not a user`);
    if (members.has(member)) problems.add(where, `member ${member} is listed twice`);
    members.add(member);
  }
  return members;
}

/**
 * The type flags must describe exactly one kind of conversation
 * (docs/slack-behaviour.md#the-conversation-object).
 */
function validateKind(
  problems: Problems,
  where: string,
  entry: JsonObject,
  id: string | undefined,
  members: ReadonlySet<string>,
): void {
  const isIm = entry.is_im === true;
  const isMpim = entry.is_mpim === true;
  if (isIm && isMpim) problems.add(where, 'is_im and is_mpim cannot both be true');
  if (entry.is_channel === true && entry.is_group === true) {
    problems.add(where, 'is_channel and is_group cannot both be true');
  }
  if ((isIm || isMpim || entry.is_group === true) && entry.is_private !== true) {
    problems.add(where, 'IMs, MPIMs and groups are private: is_private must be true');
  }
  if (id !== undefined && isIm !== id.startsWith('D')) {
    problems.add(where, 'IDs starting with D are exactly the IMs (is_im: true)');
  }
  if (isIm && members.size !== 2) {
    problems.add(where, `an IM has exactly 2 members, found ${members.size}`);
  }
  if (isMpim && members.size < 3) {
    problems.add(where, `an MPIM has at least 3 members, found ${members.size}`);
  }
  if (entry.is_general === true && (entry.is_private === true || isIm || isMpim)) {
    problems.add(where, 'the general channel must be a public channel');
  }
}
