import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { parseConfig, withOverrides } from '../../src/config.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import type { GraphQLBody } from '../helpers/gateway.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;

/** Everything a write can change about one conversation, as the caller sees it. */
const VIEW = `query View($id: ID!) {
  conversation(id: $id) {
    id name isArchived isMember isOpen lastRead numMembers
    topic { value } purpose { value }
    members(first: 50) { edges { node { id } } }
  }
}`;

/** The caller's lists (conversations.list and users.conversations), every type. */
const LISTS = `query Lists {
  conversations(first: 200, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) {
    edges { node { id name isArchived topic { value } purpose { value } } }
  }
  viewer { conversations(first: 200, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) {
    edges { node { id name isArchived } }
  } }
}`;

interface Mutation {
  field: string;
  input: (created: Created) => Record<string, unknown>;
  /** The conversation whose view the write changes. */
  subject: (created: Created) => string;
}

/** IDs the writes themselves create (a channel, then a DM), filled as the sequence runs. */
interface Created {
  channel: string;
  dm: string;
}

/** Every mutation of the schema, in an order where each one applies. */
const MUTATIONS: readonly Mutation[] = [
  {
    field: 'createConversation',
    input: () => ({ name: 'fleet-write' }),
    subject: (created) => created.channel,
  },
  {
    field: 'renameConversation',
    input: (created) => ({ id: created.channel, name: 'fleet-renamed' }),
    subject: (created) => created.channel,
  },
  {
    field: 'setConversationTopic',
    input: (created) => ({ id: created.channel, topic: 'Topic from replica A' }),
    subject: (created) => created.channel,
  },
  {
    field: 'setConversationPurpose',
    input: (created) => ({ id: created.channel, purpose: 'Purpose from replica A' }),
    subject: (created) => created.channel,
  },
  {
    field: 'inviteToConversation',
    input: (created) => ({ id: created.channel, users: [U.bob, U.carol] }),
    subject: (created) => created.channel,
  },
  {
    field: 'kickFromConversation',
    input: (created) => ({ id: created.channel, user: U.bob }),
    subject: (created) => created.channel,
  },
  {
    field: 'markConversation',
    input: () => ({ id: C.general, ts: SCENARIO_IDS.generalThread }),
    subject: () => C.general,
  },
  { field: 'leaveConversation', input: () => ({ id: C.random }), subject: () => C.random },
  { field: 'joinConversation', input: () => ({ id: C.random }), subject: () => C.random },
  {
    field: 'archiveConversation',
    input: (created) => ({ id: created.channel }),
    subject: (created) => created.channel,
  },
  {
    field: 'unarchiveConversation',
    input: (created) => ({ id: created.channel }),
    subject: (created) => created.channel,
  },
  { field: 'openConversation', input: () => ({ users: [U.erin] }), subject: (c) => c.dm },
  { field: 'closeConversation', input: (created) => ({ id: created.dm }), subject: (c) => c.dm },
];

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLBody;
}

describe('a fleet of three replicas sharing caches through Redis', () => {
  let fleet: TestFleet;
  /** A gateway with no cache at all: what Slack says right now. */
  let oracle: RunningGateway;

  beforeAll(async () => {
    // Governor off: this emulator enforces no tiers, and the sequence reads more lists than
    // Slack's Tier 2 allows in a minute.
    fleet = await startTestFleet({ replicas: 3, gatewayConfig: { governor: { enabled: false } } });
    oracle = await startGateway(
      withOverrides(
        parseConfig({
          LOG_LEVEL: 'silent',
          SLACK_API_URL: fleet.emulator.url,
          PORT: '0',
          EXPOSE_SLACK_COST: 'off',
        }),
        { governor: { enabled: false }, cache: { enabled: false } },
      ),
    );
  });
  afterAll(async () => {
    await oracle?.close();
    await fleet?.close();
  });

  it('answers a query warmed on one replica from the shared cache on the others, with no Slack call', async () => {
    const [a, b, c] = fleet.replicas;
    const cold = await a?.graphql(VIEW, { id: C.random });
    expect(cold?.body.errors).toBeUndefined();
    fleet.emulator.resetStats();
    for (const replica of [b, c]) {
      const warm = await replica?.graphql(VIEW, { id: C.random });
      expect(warm?.body).toEqual(cold?.body);
    }
    expect(fleet.emulator.stats().total).toBe(0);
    expect(await fleet.metric('cache_hits_total', { type: 'response' })).toBe(2);
  });

  it('after a write through replica A, reads through B and C at once are never stale, for every mutation', async () => {
    const [a, b, c] = fleet.replicas as [
      TestFleet['replicas'][0],
      TestFleet['replicas'][0],
      TestFleet['replicas'][0],
    ];
    const created: Created = { channel: '', dm: '' };
    const tokens = [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob];
    let stale = 0;
    let reads = 0;
    for (const mutation of MUTATIONS) {
      const subject = mutation.subject(created);
      const readers = [b, c];
      // Warm every replica's view of what the write is about to change, for both tokens.
      if (subject !== '') {
        for (const replica of readers) {
          for (const token of tokens) {
            await replica.graphql(VIEW, { id: subject }, token);
            await replica.graphql(LISTS, {}, token);
          }
        }
      }
      const inputType = `${mutation.field[0]?.toUpperCase()}${mutation.field.slice(1)}Input`;
      const { body } = await a.graphql<{
        result: { __typename: string; conversation?: { id: string } };
      }>(
        `mutation Run($input: ${inputType}!) { result: ${mutation.field}(input: $input) { __typename ... on MutationError { code message } ... on ${mutation.field[0]?.toUpperCase()}${mutation.field.slice(1)}Payload { conversation { id } } } }`,
        { input: mutation.input(created) },
      );
      expect(body.errors, mutation.field).toBeUndefined();
      expect(body.data?.result.__typename, mutation.field).toMatch(/Payload$/);
      if (mutation.field === 'createConversation')
        created.channel = body.data?.result.conversation?.id ?? '';
      if (mutation.field === 'openConversation')
        created.dm = body.data?.result.conversation?.id ?? '';
      const id = mutation.subject(created);
      // B and C read at once, each token, both queries; the oracle says what Slack holds.
      const queries = tokens.flatMap((token) => [
        { query: VIEW, variables: { id }, token },
        { query: LISTS, variables: {}, token },
      ]);
      const answers = await Promise.all(
        readers.flatMap((replica) =>
          queries.map((q) => graphql(replica.url, q.query, q.variables, q.token)),
        ),
      );
      const truths = await Promise.all(
        queries.map((q) => graphql(oracle.url, q.query, q.variables, q.token)),
      );
      answers.forEach((answer, index) => {
        reads += 1;
        const truth = truths[index % queries.length];
        if (JSON.stringify(answer) !== JSON.stringify(truth)) stale += 1;
        expect(answer, `${mutation.field}: read ${index}`).toEqual(truth);
      });
    }
    expect(reads).toBe(MUTATIONS.length * 8);
    expect(stale).toBe(0);
  });
});
