import type { SlackToken } from '../slack/slack-token.js';
import type {
  SlackAuthTestResponse,
  SlackEnvelope,
  SlackUser,
  SlackUsersListResponse,
} from '../slack/wire-types.js';
import type { CacheTtls } from './cache-policy.js';
import type { CacheStore } from './cache-store.js';
import type { CacheResult } from './caching-slack-api.js';
import type { ReadProvenance } from './provenance.js';
import { directoryKey, isFullMember, visibilityOf } from './user-directory-key.js';
import type { GrantedScopes } from './user-directory-scopes.js';

/** The metrics label of directory lookups (`cache_hits_total{type="user_directory"}`…). */
const USER_DIRECTORY_TYPE = 'user_directory';

/** What the directory reports: one lookup per user ID, one `shared` per page joined in flight. */
export interface UserDirectoryObserver {
  lookup(type: typeof USER_DIRECTORY_TYPE, result: CacheResult): void;
}

export interface UserDirectoryOptions {
  /**
   * Where entries live: `ud1:<directory key>:<user ID>` → the user object and its expiry
   * (Redis: `SET … PX`).
   */
  store: CacheStore;
  /** How long an entry is served, in milliseconds (the users TTL); must be positive. */
  ttlMs: number;
  /** Each token's granted scopes (filled from the Slack client's `X-OAuth-Scopes` headers). */
  scopes: GrantedScopes;
  /** The cache's bookkeeping: an answer it served is only as fresh as its own expiry. */
  provenance?: Pick<ReadProvenance, 'provenanceOf'>;
  observer?: UserDirectoryObserver;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

/**
 * A per-workspace user directory shared by every token whose `users.list` answer is the same
 * (src/cache/user-directory-key.ts explains which), so N users of one frontend do not each pay
 * the T2 `users.list` pages within the users TTL.
 * @see https://docs.slack.dev/reference/methods/users.list
 */
export interface UserDirectory {
  /**
   * The directory as the caller `auth` describes may use it during one request, or `undefined`
   * when it may not share at all (scopes unknown to this process, no `users:read`).
   * `onServed` hears, for every batch of users the directory serves (or page shared in flight),
   * until when they may be served: a whole response built from them must not outlive that.
   */
  open(
    token: SlackToken,
    auth: SlackAuthTestResponse,
    onServed?: (expiresAt: number) => void,
  ): DirectorySession | undefined;
}

/**
 * One request's view. Nothing is served or stored until the caller's own user record shows a
 * full member (from the directory, which only full members fill, or from its own answers).
 */
export interface DirectorySession {
  /** The users of `ids` held in the directory, if the caller is a known full member. */
  lookup(ids: readonly string[]): Promise<Map<string, SlackUser>>;
  /**
   * One `users.list` page: joins the same page another caller of this directory is reading
   * (when both are known full members), else `read`s it and offers it to the directory.
   */
  listPage(
    cursor: string | undefined,
    read: () => Promise<SlackUsersListResponse>,
  ): Promise<SlackUsersListResponse>;
  /** Offers a `users.info` answer; only users of the caller's own workspace are kept. */
  learn(user: SlackUser, response: SlackEnvelope): Promise<void>;
}

/** A stored user and when its entry stops being served. */
interface Entry {
  user: SlackUser;
  expiresAt: number;
}

interface SharedPage {
  response: SlackUsersListResponse;
  /** Whether the reader was a known full member when the page arrived. */
  member: boolean;
}

const KEY_PREFIX = 'ud1:';
/** The scope that adds `profile.email` to users.info and users.list answers. */
const EMAIL_SCOPE = 'users:read.email';

/**
 * Creates the directory. Entries are single users under the directory key, so a lookup is one
 * `getMany` and no index or set is ever kept; they expire with the users TTL (or sooner when
 * the answer they came from was already cached), and nothing invalidates them because no
 * gateway write changes a user.
 */
export function createUserDirectory({
  store,
  ttlMs,
  scopes,
  provenance,
  observer,
  now = Date.now,
}: UserDirectoryOptions): UserDirectory {
  const inFlight = new Map<string, Promise<SharedPage>>();

  return {
    open(token, auth, onServed) {
      const granted = scopes.of(token);
      if (granted === undefined) return undefined;
      const key = directoryKey(visibilityOf(auth, granted));
      if (key === undefined) return undefined;
      const selfId = auth.user_id;
      const teamId = auth.team_id;
      const showsEmail = granted.includes(EMAIL_SCOPE);
      const entryKey = (id: string): string => `${KEY_PREFIX}${key}:${id}`;
      let role: 'unknown' | 'member' | 'other' = 'unknown';
      // Answers read while the role is unknown, stored once the caller proves a full member.
      let pending: { users: readonly SlackUser[]; expiresAt: number }[] = [];

      const write = async (users: readonly SlackUser[], expiresAt: number): Promise<void> => {
        const entryTtl = Math.min(ttlMs, expiresAt - now());
        if (entryTtl <= 0) return;
        const until = now() + entryTtl;
        // A store that fails only costs later hits.
        await Promise.all(
          users.map((user) =>
            store.set(entryKey(user.id), { user, expiresAt: until } satisfies Entry, entryTtl),
          ),
        ).catch(() => {});
      };

      const settle = async (self: SlackUser): Promise<void> => {
        role = isFullMember(self, selfId, teamId) ? 'member' : 'other';
        const held = pending;
        pending = [];
        if (role === 'member') for (const entry of held) await write(entry.users, entry.expiresAt);
      };

      /** The caller's own answers: they settle its role, and a full member's fill the directory. */
      const offer = async (
        users: readonly SlackUser[],
        stored: readonly SlackUser[],
        response: SlackEnvelope,
      ): Promise<void> => {
        // An email without the scope means the scopes recorded for this token are out of date:
        // its answers match no directory key, so it shares nothing in this request.
        if (!showsEmail && users.some((user) => user.profile?.email !== undefined)) {
          role = 'other';
          pending = [];
          return;
        }
        if (role === 'unknown') {
          const self = users.find((user) => user.id === selfId);
          if (self !== undefined) await settle(self);
        }
        const origin = provenance?.provenanceOf(response)?.expiresAt ?? Number.POSITIVE_INFINITY;
        const expiresAt = Math.min(now() + ttlMs, origin);
        if (role === 'member') await write(stored, expiresAt);
        else if (role === 'unknown') pending.push({ users: stored, expiresAt });
      };

      /** Whether a page another full member read may serve this caller. */
      const accepts = async (page: SharedPage): Promise<boolean> => {
        if (!page.member || role === 'other') return false;
        if (role === 'unknown') {
          const self = page.response.members.find((user) => user.id === selfId);
          if (self !== undefined) await settle(self);
        }
        return role === 'member';
      };

      return {
        async lookup(ids) {
          const found = new Map<string, SlackUser>();
          if (role !== 'other') {
            const keys = ids.map(entryKey);
            if (role === 'unknown') keys.push(entryKey(selfId));
            const values = await store.getMany(keys).catch(() => [] as unknown[]);
            if (role === 'unknown') {
              const self = asEntry(values[ids.length], selfId);
              if (self !== undefined) await settle(self.user);
            }
            if (role === 'member') {
              let servedUntil = Number.POSITIVE_INFINITY;
              ids.forEach((id, index) => {
                const entry = asEntry(values[index], id);
                if (entry === undefined) return;
                found.set(id, entry.user);
                servedUntil = Math.min(servedUntil, entry.expiresAt);
              });
              if (found.size > 0) onServed?.(servedUntil);
            }
          }
          for (const id of ids)
            observer?.lookup(USER_DIRECTORY_TYPE, found.has(id) ? 'hit' : 'miss');
          return found;
        },

        async listPage(cursor, read) {
          if (role === 'other') return read();
          const flightKey = `${key}:${cursor ?? ''}`;
          const shared = inFlight.get(flightKey);
          if (shared !== undefined) {
            const page = await shared.catch(() => undefined);
            if (page !== undefined && (await accepts(page))) {
              observer?.lookup(USER_DIRECTORY_TYPE, 'shared');
              // Another request's answer: only as fresh as the cache kept it (if it did).
              onServed?.(provenance?.provenanceOf(page.response)?.expiresAt ?? now());
              return page.response;
            }
          }
          const own = read().then(async (response) => {
            await offer(response.members, response.members, response);
            return { response, member: role === 'member' };
          });
          if (shared === undefined) {
            inFlight.set(flightKey, own);
            const forget = (): void => {
              if (inFlight.get(flightKey) === own) inFlight.delete(flightKey);
            };
            own.then(forget, forget);
          }
          return (await own).response;
        },

        learn(user, response) {
          if (role === 'other') return Promise.resolve();
          // users.info also answers for people of other workspaces (shared channels), whom
          // another token of this workspace may not be able to see: those are never stored.
          const ownWorkspace = user.team_id === teamId && user.is_stranger !== true;
          return offer([user], ownWorkspace ? [user] : [], response);
        },
      };
    },
  };
}

/**
 * How long the directory keeps a user, in milliseconds: the shorter of the `user` and
 * `user_list` TTLs (its entries come from both methods), so no user is served older than either
 * allows; 0 (either type off) turns the directory off.
 */
export function userDirectoryTtlMs(ttls: Pick<CacheTtls, 'user' | 'user_list'>): number {
  return Math.max(0, Math.min(ttls.user, ttls.user_list)) * 1_000;
}

/** A stored value, if it is the entry of user `id` (anything else counts as absent). */
function asEntry(value: unknown, id: string): Entry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<Entry>;
  return entry.user?.id === id && typeof entry.expiresAt === 'number'
    ? (entry as Entry)
    : undefined;
}
