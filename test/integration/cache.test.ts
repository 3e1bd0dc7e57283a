import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const C = SCENARIO_IDS.conversations;

const DASHBOARD = `
  query Dashboard($id: ID!) {
    conversations(first: 20) {
      edges { node { id name topic { value creator { name } } purpose { value } } }
    }
    conversation(id: $id) {
      id name numMembers topic { value }
      members(first: 5) { edges { node { id name } } }
    }
  }
`;

const TOPIC = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';

const LIST_TOPICS = `
  query ListTopics { conversations(first: 50) { edges { node { id topic { value } } } } }
`;

const SET_TOPIC = `
  mutation SetTopic($id: ID!, $topic: String!) {
    setConversationTopic(input: { id: $id, topic: $topic }) {
      __typename
      ... on SetConversationTopicPayload { conversation { topic { value } } }
    }
  }
`;

async function ok(gateway: TestGateway, query: string, variables: object, token?: string) {
  const { body } = await gateway.graphql(query, { ...variables }, { token });
  expect(body.errors).toBeUndefined();
  return body.data;
}

// Each behaviour holds for Slack answers alone and with whole responses cached on top of them.
describe.each([
  { layers: 'Slack answers', responseCacheEnabled: false },
  { layers: 'Slack answers and whole responses', responseCacheEnabled: true },
])('the cache across requests ($layers)', ({ responseCacheEnabled }) => {
  let gateway: TestGateway;
  afterEach(() => gateway.close());

  const start = async () => {
    gateway = await startTestGateway({
      gatewayConfig: {
        governor: { enabled: true },
        cache: { enabled: true, responsesEnabled: responseCacheEnabled },
      },
    });
  };

  it('answers a warm repeat of a query with no Slack call at all', async () => {
    await start();
    const cold = await ok(gateway, DASHBOARD, { id: C.general });
    expect(gateway.emulatorCalls().total).toBeGreaterThan(0);
    gateway.resetEmulatorCalls();
    const warm = await ok(gateway, DASHBOARD, { id: C.general });
    expect(warm).toEqual(cold);
    expect(gateway.emulatorCalls().total).toBe(0);
  });

  it("never serves one token's answers to another", async () => {
    await start();
    await ok(gateway, DASHBOARD, { id: C.general }, SCENARIO_TOKENS.alice);
    gateway.resetEmulatorCalls();
    await ok(gateway, DASHBOARD, { id: C.general }, SCENARIO_TOKENS.bob);
    expect(gateway.emulatorCalls().calls['conversations.list']).toBe(1);
    expect(gateway.emulatorCalls().calls['conversations.info']).toBe(1);
  });

  it('shares one Slack call between identical queries arriving together on a cold cache', async () => {
    await start();
    await ok(gateway, TOPIC, { id: C.random });
    gateway.resetEmulatorCalls();
    const queries = Array.from({ length: 10 }, () => ok(gateway, TOPIC, { id: C.general }));
    await Promise.all(queries);
    expect(gateway.emulatorCalls().calls['conversations.info']).toBe(1);
  });

  it("shows a mutation's effect at once, to every token, in lookups and lists", async () => {
    await start();
    for (const token of [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob]) {
      await ok(gateway, TOPIC, { id: C.general }, token);
      await ok(gateway, LIST_TOPICS, {}, token);
    }
    const { body } = await gateway.graphql(
      SET_TOPIC,
      { id: C.general, topic: 'Cached no more' },
      { token: SCENARIO_TOKENS.alice },
    );
    expect(body.data).toMatchObject({
      setConversationTopic: { conversation: { topic: { value: 'Cached no more' } } },
    });
    for (const token of [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob]) {
      const lookup = await ok(gateway, TOPIC, { id: C.general }, token);
      expect(lookup).toEqual({ conversation: { topic: { value: 'Cached no more' } } });
      const list = (await ok(gateway, LIST_TOPICS, {}, token)) as {
        conversations: { edges: { node: { id: string; topic: { value: string } } }[] };
      };
      const general = list.conversations.edges.find((edge) => edge.node.id === C.general);
      expect(general?.node.topic.value).toBe('Cached no more');
    }
  });

  it('calls Slack for every request when the cache is off', async () => {
    gateway = await startTestGateway({ gatewayConfig: { cache: { enabled: false } } });
    await ok(gateway, TOPIC, { id: C.general });
    await ok(gateway, TOPIC, { id: C.general });
    expect(gateway.emulatorCalls().calls['conversations.info']).toBe(2);
  });
});
