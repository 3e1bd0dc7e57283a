import { decodeCursor, encodeCursor } from '../protocol/cursors.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import { cutPage, type VirtualPage } from './paginate.js';

/**
 * The cursor Slack would mint for a list page that continues at `next`: `im_id:D…` when the next
 * row is an IM, `team:C…` otherwise (both shapes appear in Slack's conversations.list examples).
 */
export function conversationCursor(next: StoredConversation | undefined): string {
  if (!next) return '';
  return encodeCursor(next.data.is_im ? 'im_id' : 'team', next.data.id);
}

/**
 * The conversation a list cursor names (`team:` or `im_id:`); `invalid_cursor` for anything else.
 * Whether that conversation exists is checked when the page is cut.
 */
export function decodeConversationCursor(cursor: string): string {
  return decodeCursor(cursor, ['team', 'im_id']).value;
}

/**
 * Cuts the virtual page of a conversation list. `base` is in workspace order; a cursor names a
 * conversation, i.e. a position in workspace order, so it stays valid when the conversation it
 * names has since dropped out of `base` (the page then starts at the next row that follows it).
 * Cursors naming no conversation are `invalid_cursor`.
 */
export function conversationPage(
  state: WorkspaceState,
  base: readonly StoredConversation[],
  cursorId: string | undefined,
  limit: number,
): VirtualPage<StoredConversation> {
  if (cursorId === undefined) return cutPage(base, 0, limit);
  const position = state.conversationIndex(cursorId);
  if (position < 0) throw new SlackApiError('invalid_cursor');
  const start = base.findIndex((entry) => state.conversationIndex(entry.data.id) >= position);
  return cutPage(base, start < 0 ? base.length : start, limit);
}

/** Every conversation in workspace order (creation order; new ones are appended). */
export function workspaceConversations(state: WorkspaceState): StoredConversation[] {
  return state.conversationOrder.flatMap((id) => state.conversations.get(id) ?? []);
}
