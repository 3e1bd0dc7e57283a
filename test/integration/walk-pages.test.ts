import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { type Config, parseConfig, withOverrides } from '../../src/config.js';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import {
  GENERATED_TOKENS,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import { UNLISTED_APP_MAX_LIMIT } from '../../src/slack/methods.js';
import { rapidRetryPolicy } from '../../src/slack/retry.js';
import { startTestEmulator } from '../helpers/emulator.js';

/**
 * Walking a connection with any `first` costs Slack pages, not client pages: each page Slack
 * returns is asked for once (the largest `limit` allowed) and kept in the cache, so the later
 * `after` cursors are answered from it. Bound: ceil(items / page size) + 1 calls (the first page
 * of a walk asks for `first + 1` items only, see firstPageLimit in src/graphql/connection.ts).
 */

const CONNECTION = `edges { cursor node { id } } pageInfo { hasNextPage endCursor }`;
const WALKS = {
  history: {
    method: 'conversations.history',
    query: `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Conversation {
      messages(first: $first, after: $after) { ${CONNECTION} } } } }`,
    connection: (data: NodeData) => data.node?.messages,
  },
  replies: {
    method: 'conversations.replies',
    query: `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Message {
      replies(first: $first, after: $after) { ${CONNECTION} } } } }`,
    connection: (data: NodeData) => data.node?.replies,
  },
  members: {
    method: 'conversations.members',
    query: `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Conversation {
      members(first: $first, after: $after) { ${CONNECTION} } } } }`,
    connection: (data: NodeData) => data.node?.members,
  },
  list: {
    method: 'conversations.list',
    query: `query($first: Int, $after: String) {
      conversations(first: $first, after: $after, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, IM, MPIM]) { ${CONNECTION} } }`,
    connection: (data: NodeData) => data.conversations,
  },
  userConversations: {
    method: 'users.conversations',
    query: `query($first: Int, $after: String) { viewer {
      conversations(first: $first, after: $after, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, IM, MPIM]) { ${CONNECTION} } } }`,
    connection: (data: NodeData) => data.viewer?.conversations,
  },
} as const;

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface NodeData {
  node?: { messages?: Connection; replies?: Connection; members?: Connection } | null;
  conversations?: Connection;
  viewer?: { conversations?: Connection };
}

/**
 * A workspace where #general holds more than one 999-row page of members and about 500
 * messages with threads.
 */
function walkWorkspace(unlisted: boolean): WorkspaceFile {
  const workspace = generateWorkspace({
    seed: 16,
    channels: 3,
    users: 1_100,
    messages: 1_500,
    ims: 0,
    mpims: 0,
    threadRatio: 0.3,
  });
  if (!unlisted) return workspace;
  return {
    ...workspace,
    tokens: workspace.tokens.map((token) => ({ ...token, app_distribution: 'unlisted' as const })),
  };
}

async function post<T>(url: string, query: string, variables: object): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${GENERATED_TOKENS.user}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

for (const unlisted of [false, true]) {
  describe(`walks cost Slack pages${unlisted ? ' (SLACK_UNLISTED_APP)' : ''}`, () => {
    let emulator: EmulatorHandle;
    let config: Config;
    let ids: { channel: string; thread: string };

    beforeAll(async () => {
      emulator = await startTestEmulator(walkWorkspace(unlisted));
      config = withOverrides(parseConfig({ LOG_LEVEL: 'silent' }), {
        server: { port: 0, host: '127.0.0.1' },
        frontends: { corsOrigins: [] },
        slack: { unlistedApp: unlisted, embeddedEmulator: false, apiUrl: emulator.url },
        governor: { enabled: false },
        cache: { enabled: true, responsesEnabled: false },
      });
      // #general (every user) and the message with the longest thread in it.
      const gateway = await startGateway(config, { retryPolicy: rapidRetryPolicy });
      const found = await post<{
        conversations: {
          edges: {
            node: {
              id: string;
              name: string;
              messages: { edges: { node: { id: string; replyCount: number } }[] };
            };
          }[];
        };
      }>(
        gateway.url,
        `{ conversations(first: 1) { edges { node { id name
          messages(first: 1000) { edges { node { id replyCount } } } } } } }`,
        {},
      );
      await gateway.close();
      const general = found.conversations.edges[0]?.node;
      const thread = [...(general?.messages.edges ?? [])].sort(
        (a, b) => b.node.replyCount - a.node.replyCount,
      )[0]?.node;
      expect(general?.name).toBe('general');
      expect(thread?.replyCount).toBeGreaterThan(3);
      ids = { channel: general?.id as string, thread: thread?.id as string };
    }, 120_000);

    afterAll(async () => {
      await emulator?.close();
    });

    /** Walks a whole connection with the given `first` values (the last one repeats). */
    async function walk(
      name: keyof typeof WALKS,
      firsts: readonly number[],
    ): Promise<{ items: number; calls: number }> {
      const spec = WALKS[name];
      // A fresh gateway per walk: its cache starts empty, so every page it keeps was paid for.
      const gateway: RunningGateway = await startGateway(config, {
        retryPolicy: rapidRetryPolicy,
      });
      try {
        const before = emulator.stats().calls[spec.method] ?? 0;
        const id = name === 'replies' ? ids.thread : ids.channel;
        let after: string | null = null;
        let items = 0;
        for (let step = 0; ; step += 1) {
          const first = firsts[Math.min(step, firsts.length - 1)] as number;
          const data = await post<NodeData>(gateway.url, spec.query, { id, first, after });
          const page = spec.connection(data) as Connection;
          items += page.edges.length;
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        return { items, calls: (emulator.stats().calls[spec.method] ?? 0) - before };
      } finally {
        await gateway.close();
      }
    }

    const timelinePage = unlisted ? UNLISTED_APP_MAX_LIMIT : 999;
    const pageSizes: Record<keyof typeof WALKS, number> = {
      history: timelinePage,
      replies: timelinePage,
      members: 999,
      list: 999,
      userConversations: 999,
    };

    for (const name of Object.keys(WALKS) as (keyof typeof WALKS)[]) {
      it(`${name}: any sequence of first values costs at most ceil(N / page) + 1 calls`, async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
            async (firsts) => {
              const { items, calls } = await walk(name, firsts);
              expect(items).toBeGreaterThan(0);
              expect(calls).toBeLessThanOrEqual(Math.ceil(items / pageSizes[name]) + 1);
            },
          ),
          { numRuns: 6 },
        );
      }, 120_000);
    }

    it('walking 300+ history messages with first: 7 is a handful of calls, not ~72', async () => {
      const { items, calls } = await walk('history', [7]);
      expect(items).toBeGreaterThan(300);
      expect(calls).toBeLessThanOrEqual(Math.ceil(items / timelinePage) + 1);
      expect(calls).toBeLessThan(Math.ceil(items / 7) / (unlisted ? 2 : 20));
    }, 120_000);
  });
}
