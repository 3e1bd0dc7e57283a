import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/memory-store.js';
import type { Provenance } from '../../src/cache/provenance.js';
import {
  createUserDirectory,
  type UserDirectory,
  userDirectoryTtlMs,
} from '../../src/cache/user-directory.js';
import { createGrantedScopes } from '../../src/cache/user-directory-scopes.js';
import { createLoaders } from '../../src/loaders/index.js';
import type { SlackApi, SlackArgs } from '../../src/slack/slack-api.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type {
  SlackAuthTestResponse,
  SlackEnvelope,
  SlackUser,
  SlackUsersListResponse,
} from '../../src/slack/wire-types.js';

const TTL_MS = 300_000;
const SCOPES = 'users:read,channels:read';

const person = (id: string, extra: Partial<SlackUser> = {}): SlackUser => ({
  id,
  team_id: 'T1',
  name: id.toLowerCase(),
  deleted: false,
  is_bot: false,
  profile: {},
  ...extra,
});

const MEMBERS = [person('U1'), person('U2'), person('U3'), person('U9', { is_restricted: true })];

const authOf = (userId: string): SlackAuthTestResponse => ({
  ok: true,
  url: 'https://one.slack.com/',
  team: 'One',
  user: userId.toLowerCase(),
  team_id: 'T1',
  user_id: userId,
  is_enterprise_install: false,
});

const page = (members: readonly SlackUser[]): SlackUsersListResponse => ({
  ok: true,
  members: [...members],
  response_metadata: { next_cursor: '' },
});

/** A directory over a memory store and a clock the test moves; tokens are named by user ID. */
function setup(expiries = new WeakMap<SlackEnvelope, Provenance>()) {
  let clock = 5_000_000;
  const now = () => clock;
  const scopes = createGrantedScopes({ ttlMs: TTL_MS, now });
  const lookups: string[] = [];
  const directory: UserDirectory = createUserDirectory({
    store: createMemoryStore({ now }),
    ttlMs: TTL_MS,
    scopes,
    provenance: { provenanceOf: (response) => expiries.get(response) },
    observer: { lookup: (type, result) => lookups.push(`${type}:${result}`) },
    now,
  });
  const open = (userId: string, granted = SCOPES) => {
    scopes.record(new SlackToken(`xoxp-${userId}`), granted);
    const session = directory.open(new SlackToken(`xoxp-${userId}`), authOf(userId));
    if (session === undefined) throw new Error('expected a directory session');
    return session;
  };
  return { directory, scopes, open, lookups, advance: (ms: number) => (clock += ms), now };
}

/** Fills the directory as `userId` reading the whole list itself. */
async function fill(session: ReturnType<ReturnType<typeof setup>['open']>, answer = page(MEMBERS)) {
  return session.listPage(undefined, () => Promise.resolve(answer));
}

describe('the user directory', () => {
  it('serves users a full member read to another full member of the same visibility', async () => {
    const { open, lookups } = setup();
    await fill(open('U1'));
    const found = await open('U2').lookup(['U1', 'U3', 'U404']);
    expect([...found.keys()]).toEqual(['U1', 'U3']);
    expect(lookups).toEqual(['user_directory:hit', 'user_directory:hit', 'user_directory:miss']);
  });

  it('keeps tokens with other scopes apart', async () => {
    const { open } = setup();
    await fill(open('U1', `${SCOPES},users:read.email`));
    expect((await open('U2').lookup(['U3'])).size).toBe(0);
  });

  it('opens no session for a token whose scopes this process has not seen, or without users:read', () => {
    const { directory, open } = setup();
    expect(directory.open(new SlackToken('xoxp-unseen'), authOf('U1'))).toBeUndefined();
    expect(() => open('U1', 'channels:read')).toThrow('expected a directory session');
  });

  it("never stores a guest's answers and never serves a guest", async () => {
    const { open } = setup();
    await fill(open('U9'));
    await open('U9').learn(person('U2'), { ok: true });
    expect((await open('U1').lookup(['U2', 'U3'])).size).toBe(0);

    await fill(open('U1'));
    const guest = open('U9');
    expect((await guest.lookup(['U2', 'U3'])).size).toBe(0);
    let read = 0;
    await guest.listPage(undefined, () => {
      read += 1;
      return Promise.resolve(page(MEMBERS));
    });
    expect(read).toBe(1);
  });

  it('stores what a caller read before it knew its role, once its own record shows a member', async () => {
    const { open } = setup();
    const first = open('U1');
    await first.learn(person('U2'), { ok: true });
    expect((await open('U2').lookup(['U2'])).size).toBe(0);
    await first.learn(person('U1'), { ok: true });
    expect([...(await open('U2').lookup(['U1', 'U2'])).keys()]).toEqual(['U1', 'U2']);
  });

  it('never stores a users.info answer about someone of another workspace or an external user', async () => {
    const { open } = setup();
    const first = open('U1');
    await fill(first);
    await first.learn(person('U5', { team_id: 'T2' }), { ok: true });
    await first.learn(person('U6', { is_stranger: true }), { ok: true });
    await first.learn(person('U7'), { ok: true });
    expect([...(await open('U2').lookup(['U5', 'U6', 'U7'])).keys()]).toEqual(['U7']);
  });

  it('shares nothing from a token whose answers show emails its recorded scopes do not allow', async () => {
    const { open } = setup();
    const stale = open('U1');
    const withEmails = MEMBERS.map((user) => ({
      ...user,
      profile: { email: `${user.id}@one.test` },
    }));
    await fill(stale, page(withEmails));
    expect((await open('U2').lookup(['U1', 'U3'])).size).toBe(0);
    expect((await stale.lookup(['U3'])).size).toBe(0);
  });

  it('forgets users after the TTL', async () => {
    const { open, advance } = setup();
    await fill(open('U1'));
    advance(TTL_MS - 1);
    expect((await open('U2').lookup(['U3'])).size).toBe(1);
    advance(1);
    expect((await open('U2').lookup(['U3'])).size).toBe(0);
  });

  it('keeps an answer the cache already held only as long as the cache would', async () => {
    const expiries = new WeakMap<SlackEnvelope, Provenance>();
    const { open, advance, now } = setup(expiries);
    const cached = page(MEMBERS);
    expiries.set(cached, { tags: {}, expiresAt: now() + 1_000 });
    await fill(open('U1'), cached);
    advance(999);
    expect((await open('U2').lookup(['U3'])).size).toBe(1);
    advance(1);
    expect((await open('U2').lookup(['U3'])).size).toBe(0);
  });

  it('shares a page in flight between two members, with one read', async () => {
    const { open, lookups } = setup();
    let reads = 0;
    let release: (answer: SlackUsersListResponse) => void = () => {};
    const slow = () => {
      reads += 1;
      return new Promise<SlackUsersListResponse>((resolve) => {
        release = resolve;
      });
    };
    const first = open('U1').listPage(undefined, slow);
    const second = open('U2').listPage(undefined, slow);
    release(page(MEMBERS));
    expect(await second).toEqual(await first);
    expect(reads).toBe(1);
    expect(lookups).toEqual(['user_directory:shared']);
  });

  it("reads the page itself rather than take one a guest's token read", async () => {
    const { open } = setup();
    let release: (answer: SlackUsersListResponse) => void = () => {};
    const guestRead = open('U9').listPage(
      undefined,
      () =>
        new Promise<SlackUsersListResponse>((resolve) => {
          release = resolve;
        }),
    );
    let ownReads = 0;
    const memberRead = open('U1').listPage(undefined, () => {
      ownReads += 1;
      return Promise.resolve(page(MEMBERS));
    });
    release(page(MEMBERS));
    await Promise.all([guestRead, memberRead]);
    expect(ownReads).toBe(1);
  });
});

describe('the user loader with a directory', () => {
  it('takes the users the directory holds for free and plans calls for the rest only', async () => {
    const { directory, scopes, open } = setup();
    await fill(open('U1'), page(MEMBERS.slice(0, 3)));
    const calls: string[] = [];
    const everyone = [...MEMBERS, person('U4'), person('U5')];
    const slack: SlackApi = {
      call<T extends SlackEnvelope>(method: string, args: SlackArgs): Promise<T> {
        calls.push(method);
        const answer = (body: object) => Promise.resolve({ ok: true, ...body } as unknown as T);
        if (method === 'auth.test') return answer(authOf('U2'));
        if (method === 'users.list') return answer(page(everyone));
        return answer({ user: everyone.find((user) => user.id === args.user) });
      },
    };
    scopes.record(new SlackToken('xoxp-U2'), SCOPES);
    const { users } = createLoaders(slack, new SlackToken('xoxp-U2'), { userDirectory: directory });
    const one = await Promise.all(['U1', 'U3', 'U4'].map((id) => users.load(id)));
    expect(one.map((user) => user.id)).toEqual(['U1', 'U3', 'U4']);
    // One ID left: users.info is the cheapest plan for it.
    expect(calls).toEqual(['auth.test', 'users.info']);
    const two = await Promise.all(['U2', 'U4', 'U5'].map((id) => users.load(id)));
    expect(two.map((user) => user.id)).toEqual(['U2', 'U4', 'U5']);
    // U2 from the directory, U4 from this request's loader, U5 alone again.
    expect(calls).toEqual(['auth.test', 'users.info', 'users.info']);
  });
});

describe('userDirectoryTtlMs', () => {
  it('is the shorter of the user and user list TTLs, 0 when either is off', () => {
    expect(userDirectoryTtlMs({ user: 300, user_list: 120 })).toBe(120_000);
    expect(userDirectoryTtlMs({ user: 0, user_list: 300 })).toBe(0);
  });
});
