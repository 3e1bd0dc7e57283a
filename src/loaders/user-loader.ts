import DataLoader from 'dataloader';
import type { DirectorySession } from '../cache/user-directory.js';
import { SLACK_METHODS } from '../slack/methods.js';
import type { SlackUser, SlackUserResponse, SlackUsersListResponse } from '../slack/wire-types.js';
import { afterPendingWork, type BatchObserver, observedBatch } from './batch-schedule.js';
import type { SlackCaller } from './slack-caller.js';

export interface UserLoader {
  /**
   * One user by ID. IDs requested in the same tick are resolved together: first from the shared
   * user directory (no call) when there is one; then one `users.info` call for a single ID; for
   * several, `users.list` pages (which may hold them all at once) until they are found or paging
   * would cost more than asking for the rest one by one.
   * @see https://docs.slack.dev/reference/methods/users.info
   * @see https://docs.slack.dev/reference/methods/users.list
   */
  load(id: string): Promise<SlackUser>;
  prime(users: readonly SlackUser[]): void;
}

/**
 * @param directory the request's view of the shared user directory (src/cache/user-directory.ts),
 * resolved at most once; without it (or when it resolves `undefined`) every user costs calls.
 * @param observeBatch hears the size of each batch (`users`).
 */
export function createUserLoader(
  call: SlackCaller,
  directory?: () => Promise<DirectorySession | undefined>,
  observeBatch?: BatchObserver,
): UserLoader {
  let loader: DataLoader<string, SlackUser>;
  /** This request has read (or is reading) users.list: a lone user looks there first too. */
  let listed = false;
  const prime = (users: readonly SlackUser[]): void => {
    for (const user of users) loader.prime(user.id, user);
  };

  const batch = async (ids: readonly string[]): Promise<(SlackUser | Error)[]> => {
    const session = await directory?.();
    const found = session === undefined ? new Map<string, SlackUser>() : await session.lookup(ids);
    const unknown = ids.filter((id) => !found.has(id));
    // A lone user costs one users.info, unless users.list is already read or in flight in this
    // request: its page (de-duplicated, no second call) may hold the user, and waiting for it
    // keeps a member answered late from adding a round of users.info calls.
    if (unknown.length > 1 || (unknown.length === 1 && listed)) {
      listed = true;
      await scanUsersList(call, unknown, found, prime, session);
    }
    const missing = unknown.filter((id) => !found.has(id));
    const looked = await Promise.all(
      missing.map((id) =>
        call<SlackUserResponse>('users.info', { user: id }).then(
          async (response) => {
            await session?.learn(response.user, response);
            return response.user;
          },
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    );
    missing.forEach((id, index) => {
      const result = looked[index];
      if (result && !(result instanceof Error)) found.set(id, result);
    });
    return ids.map((id) => {
      const user = found.get(id);
      if (user) return user;
      return looked[missing.indexOf(id)] as Error;
    });
  };

  loader = new DataLoader<string, SlackUser>(observedBatch('users', batch, observeBatch), {
    batchScheduleFn: afterPendingWork,
  });
  return { load: (id) => loader.load(id), prime };
}

/**
 * Pages through users.list collecting `ids`. Stops at the end of the list, when all are found,
 * or when fewer IDs remain than pages already read (users.info for each is then no dearer).
 * A users.list failure (e.g. a missing scope) is left to users.info, which reports per user.
 * With a directory session, each page may be shared with another caller of the same directory
 * and fills the directory.
 */
async function scanUsersList(
  call: SlackCaller,
  ids: readonly string[],
  found: Map<string, SlackUser>,
  prime: (users: readonly SlackUser[]) => void,
  session: DirectorySession | undefined,
): Promise<void> {
  const wanted = new Set(ids);
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = cursor;
    const read = () =>
      call<SlackUsersListResponse>('users.list', {
        limit: SLACK_METHODS['users.list'].maxLimit,
        cursor: page,
      });
    let response: SlackUsersListResponse;
    try {
      response = await (session === undefined ? read() : session.listPage(page, read));
    } catch {
      return;
    }
    pages += 1;
    prime(response.members);
    for (const user of response.members) {
      if (wanted.delete(user.id)) found.set(user.id, user);
    }
    cursor = response.response_metadata?.next_cursor || undefined;
  } while (cursor && wanted.size > 1 && wanted.size > pages);
}
