import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { isLoopback, watchOutbound } from './loopback-guard.js';
import type { RunningRouter } from './routers.js';
import {
  postGraphQL,
  type SupergraphBackends,
  startSupergraphBackends,
} from './supergraph-harness.js';

const { conversations: c, users: u } = SCENARIO_IDS;

/** projects → slack: the router asks `_entities` of this subgraph for owners and channels. */
const PROJECTS_WITH_SLACK_DATA = `{
  projects(first: 10) {
    edges { node { id name owner { id name realName } channel { id name isPrivate numMembers } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** slack → projects → slack: Slack fields, then the projects of them, then Slack again. */
const SLACK_WITH_PROJECTS = `{
  conversation(id: "${c.general}") { name projects { name owner { name } } }
  viewer { user { id ownedProjects { name conversations { name } } } }
}`;

/** Query.node stays in this subgraph; the router adds the other subgraph's fields to its result. */
const NODE_WITH_PROJECTS = `{ node(id: "${u.bob}") { id ... on User { name ownedProjects { name } } } }`;

/**
 * A router in a child process: the in-process watch cannot see its sockets, so it records them
 * itself (host names looked up, addresses dialled) and reports them here.
 */
export interface RouterProcess extends RunningRouter {
  destinations(): Promise<string[]>;
}

interface ChannelNames {
  projects: { edges: { node: { name: string; channel: { name: string | null } | null } }[] };
}

/**
 * The cross-subgraph behaviour every federation router must show over this subgraph and the
 * projects subgraph, with the Slack calls each query costs (emulator stats).
 */
export function describeCrossSubgraphQueries(
  routerName: string,
  startRouter: (supergraphSdl: string) => Promise<RunningRouter | RouterProcess>,
): void {
  describe(`${routerName} over this subgraph and a projects subgraph`, () => {
    const outbound = watchOutbound();
    let backends: SupergraphBackends;
    let router: RunningRouter | RouterProcess;
    // Generous: a router process (the hive-gateway CLI) starts slowly on a busy machine, and
    // how long it takes is not what these tests check.
    beforeAll(async () => {
      backends = await startSupergraphBackends();
      router = await startRouter(backends.supergraphSdl);
    }, 300_000);
    afterAll(async () => {
      outbound.stop();
      await router?.close();
      await backends?.close();
    });

    const run = async <TData = Record<string, unknown>>(
      query: string,
      token: string | null = SCENARIO_TOKENS.alice,
    ) => {
      backends.slack.resetEmulatorCalls();
      const body = await postGraphQL<TData>(router.url, query, token);
      return { body, calls: backends.slack.emulatorCalls() };
    };

    it('adds Slack users and conversations to projects, with one users.list and one conversations.info per channel', async () => {
      const { body, calls } = await run(PROJECTS_WITH_SLACK_DATA);
      expect(body.data).toEqual({
        projects: {
          edges: [
            {
              node: {
                id: 'prj_launch',
                name: 'Launch',
                owner: { id: u.alice, name: 'alice', realName: 'Alice Archer' },
                channel: { id: c.general, name: 'general', isPrivate: false, numMembers: 4 },
              },
            },
            {
              node: {
                id: 'prj_hiring',
                name: 'Hiring',
                owner: { id: u.bob, name: 'bob', realName: 'Bob Baker' },
                channel: { id: c.private, name: 'private-plans', isPrivate: true, numMembers: 2 },
              },
            },
            {
              node: {
                id: 'prj_skunkworks',
                name: 'Skunkworks',
                owner: { id: u.carol, name: 'carol', realName: 'Carol Cooper' },
                channel: null,
              },
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: 'prj_skunkworks' },
        },
      });
      // Alice cannot see bob's private channel: Slack's code reaches the client.
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? []) {
        expect(error.path?.slice(0, 5)).toEqual(['projects', 'edges', 2, 'node', 'channel']);
        expect(error.extensions?.code).toBe('CHANNEL_NOT_FOUND');
      }
      // Three owners in one users.list page; three channels, num_members asked in the same call.
      expect(calls).toEqual({ calls: { 'users.list': 1, 'conversations.info': 3 }, total: 4 });
    });

    it('adds projects to Slack conversations and users, and Slack data to those projects in turn', async () => {
      const { body, calls } = await run(SLACK_WITH_PROJECTS);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        conversation: {
          name: 'general',
          projects: [
            { name: 'Launch', owner: { name: 'alice' } },
            { name: 'Hiring', owner: { name: 'bob' } },
          ],
        },
        viewer: {
          user: {
            id: u.alice,
            ownedProjects: [
              { name: 'Launch', conversations: [{ name: 'general' }, { name: 'random' }] },
            ],
          },
        },
      });
      // general is looked up twice: by conversation(id:) in the first request to this subgraph
      // and again as an entity in a later one (each subgraph request has its own loaders).
      expect(calls).toEqual({
        calls: { 'auth.test': 1, 'conversations.info': 3, 'users.list': 1 },
        total: 5,
      });
    });

    it('answers Query.node from this subgraph and the other subgraph’s fields of the node', async () => {
      const { body, calls } = await run(NODE_WITH_PROJECTS);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        node: { id: u.bob, name: 'bob', ownedProjects: [{ name: 'Hiring' }] },
      });
      expect(calls).toEqual({ calls: { 'users.info': 1 }, total: 1 });
    });

    it("forwards the client's token: without one, Slack fields fail with UNAUTHENTICATED and Slack is not called", async () => {
      const { body, calls } = await run<ChannelNames>(
        '{ projects(first: 10) { edges { node { name channel { name } } } } }',
        null,
      );
      // Routers place the null differently (the channel, or its nullable name); never any data.
      const edges = body.data?.projects.edges ?? [];
      expect(edges.map(({ node }) => [node.name, node.channel?.name ?? null])).toEqual([
        ['Launch', null],
        ['Hiring', null],
        ['Skunkworks', null],
      ]);
      expect(body.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
      expect(calls.total).toBe(0);
    });

    it('sent nothing outside loopback (127.0.0.1) while doing all of the above', async () => {
      expect(outbound.destinations().length).toBeGreaterThan(0);
      expect(outbound.offLoopback()).toEqual([]);
      if (!('destinations' in router)) return;
      // The router process dialled the subgraphs, and nothing else.
      const routerDestinations = await router.destinations();
      expect(routerDestinations.length).toBeGreaterThan(0);
      expect(routerDestinations.filter((host) => !isLoopback(host))).toEqual([]);
    });
  });
}
