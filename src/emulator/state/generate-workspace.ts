import type { SlackUser } from '../../slack/wire-types.js';
import { Prng } from '../prng.js';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, NOUNS, SENTENCES } from './generator/words.js';
import type {
  WorkspaceConversation,
  WorkspaceFile,
  WorkspaceMessage,
  WorkspaceToken,
} from './workspace-file.js';

export interface GenerateWorkspaceOptions {
  /** Same seed and options, same workspace (deep-equal), on every platform. */
  seed: number;
  /** Public and private channels (at least 1; the first is #general). */
  channels: number;
  /** Users (at least 2: the owner `U0G0000000` and a bot `U0G0000001`). */
  users: number;
  /** Messages spread over every conversation, thread replies included. */
  messages: number;
  /** DMs between the owner and other people (at most one per person). @default 20 */
  ims?: number;
  /** Group DMs of the owner and 2–4 others (none with fewer than 3 people). @default 5 */
  mpims?: number;
  /** @default 0.2 */
  privateRatio?: number;
  /** @default 0.1 */
  archivedRatio?: number;
  /** Share of messages that are thread replies. @default 0.15 */
  threadRatio?: number;
  /** Upper bound of a channel's random member count (#general has everyone). @default 50 */
  maxMembers?: number;
}

/** The tokens of every generated workspace (fixed, so benchmarks and tests can hard-code them). */
export const GENERATED_TOKENS = {
  /** The owner: every conversation scope, member of #general and of about half the channels. */
  user: 'xoxp-generated-owner',
  /** The bot user: bot scopes, member of about a tenth of the channels. */
  bot: 'xoxb-generated-bot',
} as const;

/** The app installed in every generated workspace (fixed, like the tokens). */
export const GENERATED_APP = Object.freeze({
  id: 'A0GENERATED',
  signing_secret: 'generated-signing-secret',
  app_token: 'xapp-1-A0GENERATED-1-generated',
});

const READ_WRITE = ['channels', 'groups', 'im', 'mpim'].flatMap((type) => [
  `${type}:read`,
  `${type}:history`,
  `${type}:write`,
  `${type}:write.topic`,
  `${type}:write.invites`,
]);
const BOT_SCOPES = [
  ...READ_WRITE.filter((s) => s !== 'channels:write'),
  'channels:manage',
  'channels:join',
];
const EPOCH = 1_600_000_000;
const TEAM_ID = 'T0GENERATED';

/** A Slack-shaped ID: prefix, `0G`, the index in base 36 (so IDs sort like the entries). */
function id(prefix: string, index: number): string {
  return `${prefix}0G${index.toString(36).toUpperCase().padStart(7, '0')}`;
}

/**
 * Generates a large, valid, deterministic workspace from a seed: users (a few deactivated and
 * bots), channels with random memberships, topics, archived and private ones, DMs, group DMs and
 * messages with threads. Built for load tests and property tests: 10,000 channels, 1,000 users
 * and 100,000 messages take well under a second.
 * @throws RangeError when a count is below its minimum
 */
export function generateWorkspace(options: GenerateWorkspaceOptions): WorkspaceFile {
  const { seed, channels, users: userCount, messages: messageCount } = options;
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError('channels must be ≥ 1');
  if (!Number.isInteger(userCount) || userCount < 2) throw new RangeError('users must be ≥ 2');
  if (!Number.isInteger(messageCount) || messageCount < 0) {
    throw new RangeError('messages must be ≥ 0');
  }
  const rng = new Prng(seed);
  const users = generateUsers(rng, userCount);
  const owner = id('U', 0);
  const bot = id('U', 1);
  const people = users.filter((u) => !u.is_bot && !u.deleted).map((u) => u.id);
  const others = people.filter((person) => person !== owner);
  const imCount = Math.min(options.ims ?? 20, others.length);
  const mpimCount = others.length >= 2 ? (options.mpims ?? 5) : 0;
  const total = channels + imCount + mpimCount;
  // Creation times: one every 10 minutes, all before the first message.
  const created = (index: number) => EPOCH - (total - index) * 600;
  const conversations: WorkspaceConversation[] = [];
  for (let i = 0; i < channels; i += 1) {
    conversations.push(generateChannel(rng, i, created(i), { people, owner, bot, options }));
  }
  for (let i = 0; i < imCount; i += 1) {
    const members = [owner, others[i] as string];
    const entry = { id: id('D', i), created: created(channels + i), is_im: true, is_private: true };
    conversations.push({ ...entry, is_org_shared: false, context_team_id: TEAM_ID, members });
  }
  const names = new Map(users.map((user) => [user.id, user.name]));
  for (let i = 0; i < mpimCount; i += 1) {
    const members = [owner, ...rng.sample(others, 2 + rng.int(3))];
    const name = `mpdm-${members.map((member) => names.get(member)).join('--')}-${i + 1}`;
    conversations.push({
      id: id('C', channels + i),
      name,
      name_normalized: name,
      created: created(channels + imCount + i),
      creator: owner,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: true,
      is_private: true,
      is_archived: false,
      members,
    });
  }
  return {
    team: { id: TEAM_ID, name: `Generated ${seed}`, domain: `generated-${seed >>> 0}` },
    users,
    tokens: generateTokens(),
    app: { ...GENERATED_APP },
    conversations,
    messages: generateMessages(rng, conversations, messageCount, options.threadRatio ?? 0.15),
  };
}

function generateUsers(rng: Prng, count: number): SlackUser[] {
  const users: SlackUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const isBot = i === 1 || (i > 1 && rng.chance(0.02));
    const deleted = i > 1 && !isBot && rng.chance(0.02);
    const realName = isBot ? `${last} bot` : `${first} ${last}`;
    users.push({
      id: id('U', i),
      team_id: TEAM_ID,
      name: isBot ? `${last}-bot-${i}` : `${first}.${last}${i}`,
      deleted,
      real_name: realName,
      profile: { real_name: realName, display_name: isBot ? '' : first, team: TEAM_ID },
      is_admin: i === 0,
      is_bot: isBot,
      ...(isBot ? {} : { tz: 'Etc/UTC', tz_label: 'Coordinated Universal Time', tz_offset: 0 }),
    });
  }
  return users;
}

interface ChannelContext {
  people: readonly string[];
  owner: string;
  bot: string;
  options: GenerateWorkspaceOptions;
}

function generateChannel(
  rng: Prng,
  index: number,
  created: number,
  { people, owner, bot, options }: ChannelContext,
): WorkspaceConversation {
  const general = index === 0;
  const isPrivate = !general && rng.chance(options.privateRatio ?? 0.2);
  const archived = !general && rng.chance(options.archivedRatio ?? 0.1);
  const size = 1 + Math.floor(rng.next() ** 3 * Math.min(options.maxMembers ?? 50, people.length));
  const members = general ? [...people] : rng.sample(people, size);
  if (!members.includes(owner) && (general || rng.chance(0.5))) members.push(owner);
  if (rng.chance(0.1)) members.push(bot);
  const name = general ? 'general' : `${rng.pick(ADJECTIVES)}-${rng.pick(NOUNS)}-${index}`;
  const creator = members[0] ?? owner;
  const topic = rng.chance(0.5) ? `${rng.pick(SENTENCES)}` : '';
  return {
    id: id('C', index),
    name,
    name_normalized: name,
    created,
    creator,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    is_archived: archived,
    is_general: general,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    context_team_id: TEAM_ID,
    topic: { value: topic, creator: topic ? creator : '', last_set: topic ? created + 60 : 0 },
    purpose: { value: `${name} channel`, creator, last_set: created },
    previous_names: [],
    members,
  };
}

function generateTokens(): WorkspaceToken[] {
  return [
    { token: GENERATED_TOKENS.user, user_id: id('U', 0), scopes: [...READ_WRITE, 'users:read'] },
    {
      token: GENERATED_TOKENS.bot,
      user_id: id('U', 1),
      bot_id: id('B', 1),
      scopes: [...BOT_SCOPES, 'users:read'],
    },
  ];
}

function generateMessages(
  rng: Prng,
  conversations: readonly WorkspaceConversation[],
  count: number,
  threadRatio: number,
): Record<string, WorkspaceMessage[]> {
  const messages: Record<string, WorkspaceMessage[]> = {};
  const topLevel = new Map<string, string[]>();
  for (let m = 0; m < count; m += 1) {
    const conversation = rng.pick(conversations);
    // One second apart across the workspace, so `ts` is unique in every conversation.
    const ts = `${EPOCH + m}.${String(rng.int(1_000_000)).padStart(6, '0')}`;
    const user = rng.pick(conversation.members);
    const message: WorkspaceMessage = { type: 'message', ts, user, text: rng.pick(SENTENCES) };
    const parents = topLevel.get(conversation.id) ?? [];
    if (parents.length > 0 && rng.chance(threadRatio)) {
      message.thread_ts = parents[parents.length - 1 - rng.int(Math.min(5, parents.length))];
      if (rng.chance(0.05)) message.subtype = 'thread_broadcast';
    } else {
      parents.push(ts);
      topLevel.set(conversation.id, parents);
    }
    const list = messages[conversation.id];
    if (list) list.push(message);
    else messages[conversation.id] = [message];
  }
  return messages;
}
