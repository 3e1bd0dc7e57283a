import fc from 'fast-check';
import type {
  WorkspaceConversation,
  WorkspaceFile,
  WorkspaceMessage,
} from '../../src/emulator/state/workspace-file.js';
import type { SlackUser } from '../../src/slack/wire-types.js';

/** Every conversation read scope, granted to every token of a random workspace. */
const SCOPES = [
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
];

export const RANDOM_BOT_TOKEN = 'xoxb-random-bot';
export const RANDOM_BOT_USER = 'U0BOT';

/** The ID of random user `index`, Slack-shaped so validateWorkspaceFile accepts it. */
export function randomUserId(index: number): string {
  return `U0RAND${String(index).padStart(4, '0')}`;
}

/** The user token of random user `index` (`randomUserId(index)`). */
export function randomUserToken(index: number): string {
  return `xoxp-random-${index}`;
}

type Kind = 'public' | 'private' | 'im' | 'mpim';

interface ConversationSpec {
  kind: Kind;
  archived: boolean;
  members: string[];
  messages: { ts: string; replyTo: number | null; broadcast: boolean }[];
}

function user(id: string, isBot: boolean): SlackUser {
  return { id, name: id.toLowerCase(), deleted: false, is_bot: isBot, profile: {} };
}

/** Timestamps with shared seconds and varied fractions, so ordering must compare exactly. */
const tsArb = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([seconds, fraction]) => `${1_700_000_000 + seconds}.${String(fraction).padStart(6, '0')}`);

function specArb(userIds: readonly string[]): fc.Arbitrary<ConversationSpec> {
  return fc.record({
    kind: fc.constantFrom<Kind>('public', 'private', 'im', 'mpim'),
    archived: fc.boolean(),
    members: fc.shuffledSubarray([...userIds]),
    messages: fc.uniqueArray(
      fc.record({
        ts: tsArb,
        replyTo: fc.option(fc.nat({ max: 20 }), { nil: null }),
        broadcast: fc.boolean(),
      }),
      { selector: (message) => message.ts, maxLength: 14 },
    ),
  });
}

function membersFor(spec: ConversationSpec, userIds: readonly string[]): string[] {
  const pool = [...spec.members, ...userIds.filter((id) => !spec.members.includes(id))];
  if (spec.kind === 'im') return pool.slice(0, 2);
  if (spec.kind === 'mpim') return pool.slice(0, Math.max(3, spec.members.length));
  return spec.members;
}

function conversation(
  id: string,
  spec: ConversationSpec,
  members: string[],
): WorkspaceConversation {
  const created = 1_600_000_000;
  if (spec.kind === 'im') {
    const im = { is_im: true, is_private: true, is_archived: false, is_org_shared: false };
    return { id, created, ...im, members };
  }
  const name =
    spec.kind === 'mpim'
      ? // The suffix keeps names unique when two MPIMs share a member set.
        `mpdm-${members.map((member) => member.toLowerCase()).join('--')}-${id.slice(-4)}`
      : id.toLowerCase();
  return {
    id,
    name,
    name_normalized: name,
    created,
    creator: members[0] ?? RANDOM_BOT_USER,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: spec.kind === 'mpim',
    is_private: spec.kind !== 'public',
    is_archived: spec.archived,
    is_general: false,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    members,
  };
}

/** Turns generated messages into top-level messages and thread replies (some broadcast). */
function messagesFor(spec: ConversationSpec, members: readonly string[]): WorkspaceMessage[] {
  const sorted = [...spec.messages].sort((a, b) => (a.ts < b.ts ? -1 : 1));
  const topLevel: string[] = [];
  return sorted.map((entry, index) => {
    const message: WorkspaceMessage = {
      type: 'message',
      ts: entry.ts,
      text: `message ${index}`,
      user: members[index % Math.max(1, members.length)] ?? RANDOM_BOT_USER,
    };
    if (entry.replyTo !== null && topLevel.length > 0) {
      const parent = topLevel[entry.replyTo % topLevel.length] ?? entry.ts;
      message.thread_ts = parent;
      if (entry.broadcast) message.subtype = 'thread_broadcast';
    } else {
      topLevel.push(entry.ts);
    }
    return message;
  });
}

/**
 * Random workspaces for property tests: 2–5 users plus a bot user, up to 24 conversations of
 * every kind (public, private, IM, MPIM) with archived ones interleaved, random members, and
 * messages with threads and broadcasts. Every user has token `randomUserToken(i)` and the bot
 * `RANDOM_BOT_TOKEN`, all holding every conversation read and history scope.
 */
export function randomWorkspaceArb(): fc.Arbitrary<WorkspaceFile> {
  return fc.integer({ min: 2, max: 5 }).chain((userCount) => {
    const userIds = [
      ...Array.from({ length: userCount }, (_, i) => randomUserId(i)),
      RANDOM_BOT_USER,
    ];
    return fc.array(specArb(userIds), { maxLength: 24 }).map((specs): WorkspaceFile => {
      const conversations: WorkspaceConversation[] = [];
      const messages: Record<string, WorkspaceMessage[]> = {};
      specs.forEach((spec, index) => {
        const id = `${spec.kind === 'im' ? 'D' : 'C'}0RAND${String(index).padStart(4, '0')}`;
        const members = membersFor(spec, userIds);
        conversations.push(conversation(id, spec, members));
        messages[id] = messagesFor(spec, members);
      });
      return {
        team: { id: 'T0RANDOM', name: 'Random' },
        users: userIds.map((id) => user(id, id === RANDOM_BOT_USER)),
        tokens: [
          ...userIds
            .filter((id) => id !== RANDOM_BOT_USER)
            .map((id, index) => ({ token: randomUserToken(index), user_id: id, scopes: SCOPES })),
          {
            token: RANDOM_BOT_TOKEN,
            user_id: RANDOM_BOT_USER,
            scopes: SCOPES,
            bot_id: 'B0BOT00001',
          },
        ],
        conversations,
        messages,
      };
    });
  });
}
