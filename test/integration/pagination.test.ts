import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATED_TOKENS,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import type { ConversationType } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { slackCall } from '../helpers/emulator.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { sendOk } from './typed-graphql.js';

const WorkspacePage = graphql(`
  query WorkspacePage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {
    conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {
      edges { cursor node { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const MyPage = graphql(`
  query MyConversationsPage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {
    viewer {
      conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {
        edges { cursor node { id } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const GeneralPages = graphql(`
  query GeneralPages($id: ID!, $first: Int, $membersAfter: String, $messagesAfter: String) {
    conversation(id: $id) {
      members(first: $first, after: $membersAfter) {
        edges { cursor node { id } }
        pageInfo { hasNextPage endCursor }
      }
      messages(first: $first, after: $messagesAfter) {
        edges { cursor node { id: ts } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const ALL_TYPES: ConversationType[] = ['PUBLIC_CHANNEL', 'PRIVATE_CHANNEL', 'MPIM', 'IM'];
/** The owner of every generated workspace, who holds `GENERATED_TOKENS.user`. */
const VIEWER = 'U0G0000000';

/**
 * Random valid workspaces: a few to 40 channels with random shares of private and archived ones
 * interleaved, DMs and group DMs, and random memberships.
 */
const workspaceArb = fc
  .record({
    seed: fc.nat(),
    channels: fc.integer({ min: 1, max: 40 }),
    users: fc.integer({ min: 3, max: 8 }),
    ims: fc.integer({ min: 0, max: 4 }),
    mpims: fc.integer({ min: 0, max: 3 }),
    privateRatio: fc.double({ min: 0, max: 0.6, noNaN: true }),
    archivedRatio: fc.double({ min: 0, max: 0.6, noNaN: true }),
  })
  .map((options) => generateWorkspace({ ...options, messages: 0 }));

type Page = {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

function typeOf(conversation: WorkspaceFile['conversations'][number]): ConversationType {
  if (conversation.is_im) return 'IM';
  if (conversation.is_mpim) return 'MPIM';
  return conversation.is_private ? 'PRIVATE_CHANNEL' : 'PUBLIC_CHANNEL';
}

/**
 * What Slack lists, in workspace (creation) order: conversations.list shows every public
 * channel and the others the caller belongs to; users.conversations only the caller's.
 */
function expectedIds(
  file: WorkspaceFile,
  types: readonly ConversationType[],
  excludeArchived: boolean,
  onlyMine: boolean,
): string[] {
  const wanted = types.length === 0 ? ['PUBLIC_CHANNEL'] : types;
  return file.conversations
    .filter((conversation) => wanted.includes(typeOf(conversation)))
    .filter((conversation) => !(excludeArchived && conversation.is_archived))
    .filter((conversation) => {
      const member = conversation.members.includes(VIEWER);
      return member || (!onlyMine && typeOf(conversation) === 'PUBLIC_CHANNEL');
    })
    .map((conversation) => conversation.id);
}

/** Pages with `firsts`, then drains with the last of them (at least 7); checks every page. */
async function pageThrough(
  fetchPage: (first: number, after: string | null) => Promise<Page>,
  firsts: readonly number[],
  expected: readonly string[],
): Promise<void> {
  const seen: string[] = [];
  let after: string | null = null;
  const sequence = [...firsts];
  const drain = Math.max(7, firsts.at(-1) ?? 7);
  for (let step = 0; step < 200; step += 1) {
    const first = sequence.shift() ?? drain;
    const page = await fetchPage(first, after);
    const ids = page.edges.map((edge) => edge.node.id);
    expect(ids).toEqual(expected.slice(seen.length, seen.length + first));
    seen.push(...ids);
    expect(page.pageInfo.hasNextPage).toBe(seen.length < expected.length);
    if (page.pageInfo.endCursor) after = page.pageInfo.endCursor;
    if (sequence.length === 0 && !page.pageInfo.hasNextPage) break;
  }
  expect(seen).toEqual(expected);
}

const runArbitraries = [
  workspaceArb,
  fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
  fc.subarray(ALL_TYPES),
  fc.boolean(),
] as const;

describe('connections over real sockets, against random workspaces', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ token: GENERATED_TOKENS.user });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('pages conversations exactly for any first sequence, with and without excludeArchived', async () => {
    await fc.assert(
      fc.asyncProperty(...runArbitraries, async (file, firsts, types, excludeArchived) => {
        gateway.emulator.replaceWorkspace(file);
        const expected = expectedIds(file, types, excludeArchived, false);
        await pageThrough(
          async (first, after) =>
            (await sendOk(gateway, WorkspacePage, { first, after, types, excludeArchived }))
              .conversations,
          firsts,
          expected,
        );
      }),
      { numRuns: 40 },
    );
  });

  it("pages the viewer's conversations exactly for any first sequence", async () => {
    await fc.assert(
      fc.asyncProperty(...runArbitraries, async (file, firsts, types, excludeArchived) => {
        gateway.emulator.replaceWorkspace(file);
        const expected = expectedIds(file, types, excludeArchived, true);
        await pageThrough(
          async (first, after) =>
            (await sendOk(gateway, MyPage, { first, after, types, excludeArchived })).viewer
              .conversations,
          firsts,
          expected,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('resumes after any edge cursor, not only the end cursor', async () => {
    await fc.assert(
      fc.asyncProperty(
        workspaceArb,
        fc.nat(),
        fc.integer({ min: 0, max: 5 }),
        async (file, pick, next) => {
          gateway.emulator.replaceWorkspace(file);
          const expected = expectedIds(file, ALL_TYPES, true, false);
          const variables = { types: ALL_TYPES, excludeArchived: true };
          const all = await sendOk(gateway, WorkspacePage, { ...variables, first: 50 });
          fc.pre(all.conversations.edges.length > 0);
          const index = pick % all.conversations.edges.length;
          const after = all.conversations.edges[index]?.cursor;
          const resumed = await sendOk(gateway, WorkspacePage, {
            ...variables,
            first: next,
            after,
          });
          expect(resumed.conversations.edges.map((edge) => edge.node.id)).toEqual(
            expected.slice(index + 1, index + 1 + next),
          );
          expect(resumed.conversations.pageInfo.hasNextPage).toBe(
            index + 1 + next < expected.length,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('pages members and history exactly for any first sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.integer({ min: 0, max: 80 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
        async (seed, messages, firsts) => {
          const file = generateWorkspace({
            seed,
            channels: 1,
            users: 12,
            messages,
            ims: 0,
            mpims: 0,
          });
          gateway.emulator.replaceWorkspace(file);
          const general = file.conversations[0];
          const id = general?.id ?? '';
          // Slack's own answer in one page is the ground truth for history (newest first, thread
          // replies left out, broadcasts kept).
          const { body } = await slackCall<{ messages: { ts: string }[] }>(
            gateway.emulator.url,
            'conversations.history',
            { channel: id, limit: 999 },
            { token: GENERATED_TOKENS.user },
          );
          const history = body.messages.map((message) => message.ts);
          await pageThrough(
            async (first, after) =>
              (await sendOk(gateway, GeneralPages, { id, first, membersAfter: after })).conversation
                ?.members ?? { edges: [], pageInfo: { hasNextPage: false } },
            firsts,
            general?.members ?? [],
          );
          await pageThrough(
            async (first, after) =>
              (await sendOk(gateway, GeneralPages, { id, first, messagesAfter: after }))
                .conversation?.messages ?? { edges: [], pageInfo: { hasNextPage: false } },
            firsts,
            history,
          );
        },
      ),
      { numRuns: 20 },
    );
  });
});
