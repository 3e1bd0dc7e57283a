/**
 * Reads the emulator directly, the way a perfect client would, to find what a query shape needs:
 * list pages walked with the largest `limit` Slack accepts (a page is cut before filtering, so
 * bigger pages never cost more calls), the users.list pages, member lists. The probe's own calls
 * are made before the measured ones and reset away.
 */
import { request } from 'undici';

/**
 * The largest `limit` of conversations.list: "under 1000"
 * (docs/slack-behaviour.md#cursor-pagination).
 */
export const LIST_MAX_LIMIT = 999;
/** The largest `limit` of users.list. */
export const USERS_LIST_MAX_LIMIT = 1000;

export interface ProbedConversation {
  id: string;
  creator?: string;
  topic?: { creator: string };
  purpose?: { creator: string };
}

interface Page<T> {
  ok: boolean;
  error?: string;
  channels?: T[];
  members?: T[];
  response_metadata?: { next_cursor?: string };
}

async function slack<T>(
  apiUrl: string,
  token: string,
  method: string,
  args: Record<string, string>,
) {
  const response = await request(`${apiUrl}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(args).toString(),
  });
  const body = (await response.body.json()) as Page<T>;
  if (!body.ok) throw new Error(`probe ${method}: ${body.error}`);
  return body;
}

/**
 * The first `first` conversations of `conversations.list` and the fewest calls that find them
 * plus one more (or the end), as a connection needs to know `hasNextPage`.
 */
export async function probeConversationList(
  apiUrl: string,
  token: string,
  first: number,
  args: Record<string, string> = {},
): Promise<{ calls: number; conversations: ProbedConversation[] }> {
  const found: ProbedConversation[] = [];
  let cursor = '';
  let calls = 0;
  do {
    const page = await slack<ProbedConversation>(apiUrl, token, 'conversations.list', {
      ...args,
      limit: String(LIST_MAX_LIMIT),
      ...(cursor ? { cursor } : {}),
    });
    calls += 1;
    found.push(...(page.channels ?? []));
    cursor = page.response_metadata?.next_cursor ?? '';
  } while (cursor !== '' && found.length < first + 1);
  return { calls, conversations: found.slice(0, first) };
}

/** Every users.list page (user IDs), at the largest page size. */
export async function probeUserPages(apiUrl: string, token: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor = '';
  do {
    const page = await slack<{ id: string }>(apiUrl, token, 'users.list', {
      limit: String(USERS_LIST_MAX_LIMIT),
      ...(cursor ? { cursor } : {}),
    });
    pages.push((page.members ?? []).map((user) => user.id));
    cursor = page.response_metadata?.next_cursor ?? '';
  } while (cursor !== '');
  return pages;
}

/** The first `limit` members of a conversation (one call: `limit` stays under 1000). */
export async function probeMembers(
  apiUrl: string,
  token: string,
  channel: string,
  limit: number,
): Promise<string[]> {
  const page = await slack<string>(apiUrl, token, 'conversations.members', {
    channel,
    limit: String(limit),
  });
  return page.members ?? [];
}
