import { afterEach, describe, expect, it } from 'vitest';
import { createCachingSlackApi } from '../../src/cache/caching-slack-api.js';
import { createMemoryStore } from '../../src/cache/memory-store.js';
import { createUserDirectory } from '../../src/cache/user-directory.js';
import { createGrantedScopes } from '../../src/cache/user-directory-scopes.js';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import { createLoaders } from '../../src/loaders/index.js';
import { createSlackClient } from '../../src/slack/client.js';
import { rapidRetryPolicy } from '../../src/slack/retry.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackUser } from '../../src/slack/wire-types.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const GENERAL = SCENARIO_IDS.conversations.general;
/** A multi-channel guest (erin, `is_restricted`) holding exactly alice's scopes. */
const GUEST_TOKEN = 'xoxp-directory-erin';
const EXTRA_MEMBERS = Array.from({ length: 60 }, (_, index) => `U0MEMBER${index + 10}`);

/** The scenario workspace plus 60 members of #general (66 people there) and a guest's token. */
function directoryWorkspace(): WorkspaceFile {
  const workspace = scenarioWorkspace();
  const bob = only(workspace.users.filter((user) => user.id === SCENARIO_IDS.users.bob));
  const members: SlackUser[] = EXTRA_MEMBERS.map((id, index) => ({
    ...structuredClone(bob),
    id,
    name: `member${index}`,
    real_name: `Member ${index}`,
    profile: { ...structuredClone(bob.profile), email: `member${index}@scenario.test` },
  }));
  workspace.users.push(...members);
  const general = only(workspace.conversations.filter((c) => c.id === GENERAL));
  general.members = [...(general.members ?? []), SCENARIO_IDS.users.erin, ...EXTRA_MEMBERS];
  const alice = only(workspace.tokens.filter((t) => t.token === SCENARIO_TOKENS.alice));
  workspace.tokens.push({
    token: GUEST_TOKEN,
    user_id: SCENARIO_IDS.users.erin,
    scopes: [...alice.scopes],
  });
  return workspace;
}

function only<T>(items: readonly T[]): T {
  const [item] = items;
  if (items.length !== 1 || item === undefined) throw new Error('expected exactly one match');
  return item;
}

const ROSTER = `
  query Roster($id: ID!) {
    conversation(id: $id) {
      members(first: 100) { edges { node { id name realName email isRestricted } } }
    }
  }
`;

interface Roster {
  conversation: {
    members: { edges: { node: { id: string; name: string; email: string | null } }[] };
  };
}

function usersCalls(gateway: TestGateway): number {
  const { calls } = gateway.emulatorCalls();
  return (calls['users.list'] ?? 0) + (calls['users.info'] ?? 0);
}

describe('the shared user directory', () => {
  let gateway: TestGateway;
  afterEach(() => gateway.close());

  const start = async (cacheEnabled = true, latencyMs = 0) => {
    gateway = await startTestGateway({
      workspace: directoryWorkspace(),
      emulatorConfig: { latencyMs },
      gatewayConfig: { cache: { enabled: cacheEnabled, responsesEnabled: false } },
    });
  };

  const roster = async (token: string): Promise<Roster> => {
    const { body } = await gateway.graphql<Roster>(ROSTER, { id: GENERAL }, { token });
    expect(body.errors).toBeUndefined();
    return body.data as Roster;
  };

  it('serves a second token of the same workspace and scopes with no users.* call', async () => {
    await start();
    const first = await roster(SCENARIO_TOKENS.alice);
    expect(first.conversation.members.edges.length).toBeGreaterThanOrEqual(60);
    expect(gateway.emulatorCalls().calls['users.list']).toBe(1);
    gateway.resetEmulatorCalls();

    const second = await roster(SCENARIO_TOKENS.bob);
    expect(second).toEqual(first);
    expect(usersCalls(gateway)).toBe(0);
    const metrics = (await gateway.gateway.metrics.render()).body;
    const hits = /cache_hits_total\{type="user_directory"\} (\d+)\n/.exec(metrics)?.[1];
    expect(Number(hits)).toBe(second.conversation.members.edges.length);
  });

  it('never shares between tokens whose scopes differ, and never shows an email without users:read.email', async () => {
    await start();
    const withEmail = await roster(SCENARIO_TOKENS.withEmail);
    const emails = withEmail.conversation.members.edges.map((edge) => edge.node.email);
    expect(emails).toContain('member0@scenario.test');
    gateway.resetEmulatorCalls();

    const without = await roster(SCENARIO_TOKENS.alice);
    expect(gateway.emulatorCalls().calls['users.list']).toBe(1);
    expect(without.conversation.members.edges.every((edge) => edge.node.email === null)).toBe(true);
    gateway.resetEmulatorCalls();

    // And the other way round: carol's emails are her own read, not alice's email-less users.
    await roster(SCENARIO_TOKENS.bob);
    expect(usersCalls(gateway)).toBe(0);
    const again = await roster(SCENARIO_TOKENS.withEmail);
    expect(again).toEqual(withEmail);
  });

  it("never serves a guest's token from the directory, nor lets it fill one", async () => {
    await start();
    await roster(SCENARIO_TOKENS.alice);
    gateway.resetEmulatorCalls();
    await roster(GUEST_TOKEN);
    expect(gateway.emulatorCalls().calls['users.list']).toBe(1);

    await gateway.close();
    await start();
    await roster(GUEST_TOKEN);
    gateway.resetEmulatorCalls();
    await roster(SCENARIO_TOKENS.bob);
    expect(gateway.emulatorCalls().calls['users.list']).toBe(1);
  });

  it('shares the users.list page between two tokens filling the directory at once', async () => {
    // Slow answers keep the first page in flight while the other token asks for it.
    await start(true, 100);
    const [alice, bob] = await Promise.all([
      roster(SCENARIO_TOKENS.alice),
      roster(SCENARIO_TOKENS.bob),
    ]);
    expect(bob).toEqual(alice);
    expect(gateway.emulatorCalls().calls['users.list']).toBe(1);
    expect(gateway.emulatorCalls().calls['users.info'] ?? 0).toBe(0);
    const metrics = (await gateway.gateway.metrics.render()).body;
    expect(metrics).toMatch(/cache_inflight_shared_total\{type="user_directory"\} 1\n/);
  });

  it('is off when the cache is off', async () => {
    await start(false);
    await roster(SCENARIO_TOKENS.alice);
    gateway.resetEmulatorCalls();
    await roster(SCENARIO_TOKENS.bob);
    expect(gateway.emulatorCalls().calls['users.list']).toBe(1);
  });
});

describe('the user directory over a fake clock', () => {
  let emulator: EmulatorHandle;
  afterEach(() => emulator.close());

  it('forgets users once the users TTL has passed', async () => {
    emulator = await startTestEmulator(directoryWorkspace());
    let clock = 1_000_000;
    const now = () => clock;
    const ttlMs = 300_000;
    const scopes = createGrantedScopes({ ttlMs, now });
    const client = createSlackClient({
      baseUrl: emulator.url,
      retryPolicy: rapidRetryPolicy,
      onGrantedScopes: scopes.record,
    });
    const slack = createCachingSlackApi(client, { store: createMemoryStore({ now }), now });
    const userDirectory = createUserDirectory({
      store: createMemoryStore({ now }),
      ttlMs,
      scopes,
      provenance: slack,
      now,
    });
    const loadAll = (token: string) => {
      const { users } = createLoaders(slack, new SlackToken(token), { userDirectory });
      return Promise.all(EXTRA_MEMBERS.map((id) => users.load(id)));
    };
    const usersList = () => emulator.stats().calls['users.list'] ?? 0;

    try {
      await loadAll(SCENARIO_TOKENS.alice);
      expect(usersList()).toBe(1);
      clock += ttlMs - 1;
      // A whole response built from shared users may not outlive them (src/cache/read-log.ts).
      const servedUntil: number[] = [];
      const bobs = createLoaders(slack, new SlackToken(SCENARIO_TOKENS.bob), {
        userDirectory,
        onSharedUsers: (expiresAt) => servedUntil.push(expiresAt),
      });
      await Promise.all(EXTRA_MEMBERS.map((id) => bobs.users.load(id)));
      expect(servedUntil).toEqual([1_000_000 + ttlMs]);
      expect(usersList()).toBe(1);
      clock += 2;
      const users = await loadAll(SCENARIO_TOKENS.bob);
      expect(users.map((user) => user.id)).toEqual(EXTRA_MEMBERS);
      expect(usersList()).toBe(2);
    } finally {
      await client.close();
    }
  });
});
