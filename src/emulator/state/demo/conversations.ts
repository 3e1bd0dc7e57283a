import type { WorkspaceConversation } from '../workspace-file.js';
import { CHANNEL_SPECS, type ChannelSpec } from './channel-specs.js';
import { DEMO_TEAM_ID } from './team.js';
import { U } from './users.js';

/** The demo's clock starts here (2019-01-01T00:00:00Z); every date is an offset from it. */
export const DEMO_EPOCH = 1_546_300_800;

const DAY = 86_400;

/** Fixed creation time of the n-th conversation: one a week, so history spans years. */
export function createdAt(index: number): number {
  return DEMO_EPOCH + index * 7 * DAY;
}

/** Expands a channel spec into a full conversation entry with every field Slack sends. */
function channel(spec: ChannelSpec, index: number): WorkspaceConversation {
  const created = createdAt(index);
  const isPrivate = spec.private === true;
  const legacy = spec.legacyGroup === true;
  const entry: WorkspaceConversation = {
    id: spec.id,
    name: spec.name,
    is_channel: !legacy,
    is_group: legacy,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    created,
    is_archived: spec.archived === true,
    is_general: false,
    unlinked: 0,
    name_normalized: spec.name,
    is_shared: false,
    is_frozen: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: DEMO_TEAM_ID,
    // Milliseconds: the last settings change, a month after creation.
    updated: (created + 30 * DAY) * 1000 + index,
    parent_conversation: null,
    creator: spec.creator,
    is_ext_shared: false,
    shared_team_ids: [DEMO_TEAM_ID],
    pending_connected_team_ids: [],
    topic: {
      value: spec.topic ?? '',
      creator: spec.topic === undefined ? '' : spec.creator,
      last_set: spec.topic === undefined ? 0 : created + 120,
    },
    purpose: {
      value: spec.purpose ?? '',
      creator: spec.purpose === undefined ? '' : spec.creator,
      last_set: spec.purpose === undefined ? 0 : created + 60,
    },
    previous_names: spec.previousNames ?? [],
    members: [...spec.members],
    ...spec.extra,
  };
  if (spec.properties) entry.properties = structuredClone(spec.properties);
  return entry;
}

interface DirectSpec {
  id: string;
  members: readonly string[];
  /** MPIMs only: a legacy `G…` group DM (`is_group: true`), else a `C…` one (`is_channel: true`). */
  legacy?: boolean;
}

/** IMs: Alice's DMs (one with the deactivated Mallory, one with Slackbot), Bob's, the bot's. */
export const IM_SPECS: readonly DirectSpec[] = [
  { id: 'D01ALICEBOB', members: [U.alice, U.bob] },
  { id: 'D01ALICECAR', members: [U.alice, U.carol] },
  { id: 'D01ALICEDAV', members: [U.alice, U.dave] },
  { id: 'D01ALICESLB', members: [U.alice, U.slackbot] },
  { id: 'D01ALICEMAL', members: [U.alice, U.mallory] },
  { id: 'D01ALICEBOT', members: [U.alice, U.acmebot] },
  { id: 'D01BOBCAROL', members: [U.bob, U.carol] },
  { id: 'D01BOBGRACE', members: [U.bob, U.grace] },
  { id: 'D01BOTDAVE0', members: [U.acmebot, U.dave] },
];

export const MPIM_SPECS: readonly DirectSpec[] = [
  { id: 'G01MPALBOCA', members: [U.alice, U.bob, U.carol], legacy: true },
  { id: 'C01MPALDAER', members: [U.alice, U.dave, U.erin, U.frank] },
  { id: 'C01MPBOGRHE', members: [U.bob, U.grace, U.heidi] },
];

function im(spec: DirectSpec, index: number): WorkspaceConversation {
  return {
    id: spec.id,
    created: createdAt(index),
    is_im: true,
    is_private: true,
    is_org_shared: false,
    context_team_id: DEMO_TEAM_ID,
    priority: 0,
    members: [...spec.members],
  };
}

/** Slack names group DMs `mpdm-` + the members' handles joined by `--` + `-1`. */
function mpim(
  spec: DirectSpec,
  index: number,
  handles: ReadonlyMap<string, string>,
): WorkspaceConversation {
  const created = createdAt(index);
  const names = spec.members.map((id) => handles.get(id) ?? id);
  const name = `mpdm-${names.join('--')}-1`;
  const [creator = U.alice] = spec.members;
  const mentions = names.map((handle) => `@${handle}`).join(' ');
  return {
    id: spec.id,
    name,
    is_channel: spec.legacy !== true,
    is_group: spec.legacy === true,
    is_im: false,
    is_mpim: true,
    is_private: true,
    created,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: name,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    pending_shared: [],
    is_pending_ext_shared: false,
    context_team_id: DEMO_TEAM_ID,
    updated: created * 1000,
    parent_conversation: null,
    creator,
    shared_team_ids: [DEMO_TEAM_ID],
    pending_connected_team_ids: [],
    topic: { value: 'Group messaging', creator, last_set: created },
    purpose: { value: `Group messaging with: ${mentions}`, creator, last_set: created },
    priority: 0,
    members: [...spec.members],
  };
}

/** Every demo conversation: the channels, then the group DMs, then the DMs. */
export function demoConversations(handles: ReadonlyMap<string, string>): WorkspaceConversation[] {
  const channels = CHANNEL_SPECS.map((spec, index) => channel(spec, index));
  const offset = CHANNEL_SPECS.length;
  const mpims = MPIM_SPECS.map((spec, index) => mpim(spec, offset + index, handles));
  const ims = IM_SPECS.map((spec, index) => im(spec, offset + MPIM_SPECS.length + index));
  return [...channels, ...mpims, ...ims];
}
