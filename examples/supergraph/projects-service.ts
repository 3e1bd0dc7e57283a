// The example projects subgraph (projects.graphql), served on 127.0.0.1:4001 for the federation
// walkthrough in docs/federation.md. From the repository root:
//   npm run example:projects                      (127.0.0.1:4001)
//   npm run example:projects -- --port 0 --host 127.0.0.1
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { EXAMPLE_URLS, PROJECTS_SUBGRAPH_FILE } from './compose.js';

/** A project as the projects service stores it: Slack IDs only, never Slack data. */
export interface StoredProject {
  id: string;
  name: string;
  channel: string;
  conversations: readonly string[];
  owner: string;
}

/**
 * Projects over the demo workspace that `npm start` serves. `prj_security` lives in a private
 * channel the demo user (alice) is not in: her token gets CHANNEL_NOT_FOUND for its `channel`.
 */
export const DEMO_PROJECTS: readonly StoredProject[] = [
  {
    id: 'prj_launch',
    name: 'Launch',
    channel: 'C01GENERAL0',
    conversations: ['C01GENERAL0', 'C01RANDOM00'],
    owner: 'U01ALICE00',
  },
  {
    id: 'prj_hiring',
    name: 'Hiring',
    channel: 'C01HIRING00',
    conversations: ['C01HIRING00', 'C01GENERAL0'],
    owner: 'U01BOB0000',
  },
  {
    id: 'prj_security',
    name: 'Security review',
    channel: 'C01SECURITY',
    conversations: ['C01SECURITY'],
    owner: 'U01CAROL00',
  },
];

export interface ProjectsService {
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
 * A second, Relay-style subgraph written with `@apollo/subgraph` (not Pothos), served by yoga:
 * it stores projects that reference Slack conversations and users by ID and adds
 * `Conversation.projects` and `User.ownedProjects`.
 */
export async function startProjectsService(
  projects: readonly StoredProject[],
  { port, host }: { port: number; host: string },
): Promise<ProjectsService> {
  const sdl = await readFile(PROJECTS_SUBGRAPH_FILE, 'utf8');
  const byId = new Map(projects.map((project) => [project.id, project]));
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      Query: {
        projects: (_root: unknown, args: { first: number; after?: string | null }) =>
          projectPage(projects, args.first, args.after ?? undefined),
        project: (_root: unknown, { id }: Ref) => byId.get(id) ?? null,
      },
      Project: {
        __resolveReference: ({ id }: Ref) => byId.get(id) ?? null,
        channel: (project: StoredProject) => ({ id: project.channel }),
        conversations: (project: StoredProject) => project.conversations.map((id) => ({ id })),
        owner: (project: StoredProject) => ({ id: project.owner }),
      },
      Conversation: {
        projects: ({ id }: Ref) => projects.filter((project) => project.conversations.includes(id)),
      },
      User: {
        ownedProjects: ({ id }: Ref) => projects.filter((project) => project.owner === id),
      },
    },
  });
  const yoga = createYoga({ schema, logging: false, landingPage: false, graphiql: false });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://${host}:${bound}/graphql`, sdl, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** A forward Relay page; the cursor is the project ID. */
function projectPage(projects: readonly StoredProject[], first: number, after: string | undefined) {
  const start = after === undefined ? 0 : projects.findIndex((project) => project.id === after) + 1;
  const slice = projects.slice(start, start + first);
  return {
    edges: slice.map((project) => ({ cursor: project.id, node: project })),
    pageInfo: {
      hasNextPage: start + first < projects.length,
      hasPreviousPage: after !== undefined,
      startCursor: slice[0]?.id ?? null,
      endCursor: slice.at(-1)?.id ?? null,
    },
  };
}

/** `npm run example:projects`: serves DEMO_PROJECTS where the example supergraph expects them. */
async function main(args: string[]): Promise<void> {
  const expected = new URL(EXAMPLE_URLS.projects);
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: expected.port },
      host: { type: 'string', default: expected.hostname },
    },
  });
  const service = await startProjectsService(DEMO_PROJECTS, {
    port: Number(values.port),
    host: values.host,
  });
  console.log(`projects service ready ${service.url}`);
  const stop = (): void => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
