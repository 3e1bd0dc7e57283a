import { readFile } from 'node:fs/promises';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { PROJECTS_SUBGRAPH_FILE } from '../../examples/supergraph/compose.js';
import { type RunningServer, startServer } from '../../src/http/server.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';

/** A project as the projects service stores it: Slack IDs only, never Slack data. */
export interface StoredProject {
  id: string;
  name: string;
  channel: string;
  conversations: readonly string[];
  owner: string;
}

const { conversations: c, users: u } = SCENARIO_IDS;

/**
 * The projects of the scenario workspace. `prj_skunkworks` lives in bob's private channel, which
 * alice's token cannot see.
 */
export const PROJECTS: readonly StoredProject[] = [
  {
    id: 'prj_launch',
    name: 'Launch',
    channel: c.general,
    conversations: [c.general, c.random],
    owner: u.alice,
  },
  {
    id: 'prj_hiring',
    name: 'Hiring',
    channel: c.private,
    conversations: [c.private, c.general],
    owner: u.bob,
  },
  {
    id: 'prj_skunkworks',
    name: 'Skunkworks',
    channel: c.secret,
    conversations: [c.secret],
    owner: u.carol,
  },
];

export interface ProjectsSubgraph {
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  /** The subgraph SDL (examples/supergraph/projects.graphql). */
  sdl: string;
  close(): Promise<void>;
}

interface Ref {
  id: string;
}

/**
 * A second, Relay-style subgraph written with `@apollo/subgraph` (not Pothos), served by yoga on
 * 127.0.0.1: it stores projects that reference Slack conversations and users by ID and adds
 * `Conversation.projects` and `User.ownedProjects`.
 */
export async function startProjectsSubgraph(): Promise<ProjectsSubgraph> {
  const sdl = await readFile(PROJECTS_SUBGRAPH_FILE, 'utf8');
  const byId = new Map(PROJECTS.map((project) => [project.id, project]));
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      Query: {
        projects: (_root: unknown, args: { first: number; after?: string | null }) =>
          projectPage(args.first, args.after ?? undefined),
        project: (_root: unknown, { id }: Ref) => byId.get(id) ?? null,
      },
      Project: {
        __resolveReference: ({ id }: Ref) => byId.get(id) ?? null,
        channel: (project: StoredProject) => ({ id: project.channel }),
        conversations: (project: StoredProject) => project.conversations.map((id) => ({ id })),
        owner: (project: StoredProject) => ({ id: project.owner }),
      },
      Conversation: {
        projects: ({ id }: Ref) => PROJECTS.filter((project) => project.conversations.includes(id)),
      },
      User: {
        ownedProjects: ({ id }: Ref) => PROJECTS.filter((project) => project.owner === id),
      },
    },
  });
  const yoga = createYoga({ schema, logging: false, landingPage: false, graphiql: false });
  const server: RunningServer = await startServer(yoga, { port: 0, host: '127.0.0.1' });
  return { url: `${server.origin}/graphql`, sdl, close: () => server.close() };
}

/** A forward Relay page; the cursor is the project ID. */
function projectPage(first: number, after: string | undefined) {
  const start = after === undefined ? 0 : PROJECTS.findIndex((project) => project.id === after) + 1;
  const slice = PROJECTS.slice(start, start + first);
  return {
    edges: slice.map((project) => ({ cursor: project.id, node: project })),
    pageInfo: {
      hasNextPage: start + first < PROJECTS.length,
      hasPreviousPage: after !== undefined,
      startCursor: slice[0]?.id ?? null,
      endCursor: slice.at(-1)?.id ?? null,
    },
  };
}
