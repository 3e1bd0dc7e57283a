import type { StoredConversation, WorkspaceState } from '../state/store.js';
import { newChannelData } from './new-channel.js';

/**
 * The existing DM (two members) or group DM (three or more) whose member set is exactly
 * `memberIds`, in any order: conversations.open is idempotent per set of users.
 */
export function findDirectConversation(
  state: WorkspaceState,
  memberIds: readonly string[],
): StoredConversation | undefined {
  const wanted = new Set(memberIds);
  const isIm = wanted.size === 2;
  for (const id of state.conversationOrder) {
    const conversation = state.conversations.get(id);
    if (!conversation) continue;
    const { data } = conversation;
    if (isIm ? !data.is_im : !data.is_mpim) continue;
    if (data.members.length === wanted.size && data.members.every((member) => wanted.has(member))) {
      return conversation;
    }
  }
  return undefined;
}

/** A new DM between the caller and `peer` (`D…` ID), open for the caller only. */
export function createIm(
  state: WorkspaceState,
  callerId: string,
  peer: string,
): StoredConversation {
  const created = state.nowSeconds();
  const stored = state.addConversation({
    id: state.nextId('D'),
    created,
    updated: state.nowMillis(),
    is_im: true,
    is_archived: false,
    is_org_shared: false,
    context_team_id: state.team.id,
    priority: 0,
    members: [callerId, peer],
  });
  openOnlyFor(stored, callerId);
  return stored;
}

/**
 * A new group DM (`C…` ID, as Slack mints them since 2021) named `mpdm-<name>--<name>…-1` in the
 * given member order, with the purpose Slack sets ("Group messaging with: @a @b @c").
 */
export function createMpim(
  state: WorkspaceState,
  memberIds: readonly string[],
): StoredConversation {
  const [creator = ''] = memberIds;
  const names = memberIds.map((id) => state.users.get(id)?.name ?? id);
  const created = state.nowSeconds();
  const data = newChannelData(state, {
    name: mpimName(state, names),
    isPrivate: true,
    isMpim: true,
    members: memberIds,
    purpose: {
      value: `Group messaging with: ${names.map((name) => `@${name}`).join(' ')}`,
      creator,
      last_set: created,
    },
  });
  const stored = state.addConversation(data);
  openOnlyFor(stored, creator);
  return stored;
}

/** `mpdm-a--b--c-1`, with the numeric suffix raised while the name is taken. */
function mpimName(state: WorkspaceState, names: readonly string[]): string {
  const taken = new Set([...state.conversations.values()].map(({ data }) => data.name));
  const base = `mpdm-${names.join('--')}`;
  let suffix = 1;
  while (taken.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}

/** A new DM is open for whoever opened it, not yet for the other members. */
function openOnlyFor(conversation: StoredConversation, userId: string): void {
  conversation.openFor.clear();
  conversation.openFor.add(userId);
}
