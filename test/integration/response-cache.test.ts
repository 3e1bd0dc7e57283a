import { afterEach, describe, expect, it } from 'vitest';
import { parseCacheTtls } from '../../src/cache/cache-policy.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { postAsAlice } from '../helpers/post-graphql.js';

const C = SCENARIO_IDS.conversations;

const LIST = `query List {
  conversations(first: 50, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL]) { edges { node { id name } } }
}`;
const TOPIC = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';
const MESSAGES = `query Messages($id: ID!) {
  conversation(id: $id) { messages(first: 3) { edges { node { ts text } } } }
}`;

/** `cache_hits_total` / `cache_misses_total` for whole responses. */
async function responseLookups(gateway: TestGateway): Promise<{ hits: number; misses: number }> {
  const count = async (name: string): Promise<number> => {
    const metric = await gateway.gateway.metrics.registry.getSingleMetric(name)?.get();
    return metric?.values.find((value) => value.labels.type === 'response')?.value ?? 0;
  };
  return { hits: await count('cache_hits_total'), misses: await count('cache_misses_total') };
}

describe('the response cache', () => {
  let gateway: TestGateway;
  afterEach(() => gateway.close());

  const start = async (cacheTtls = parseCacheTtls(undefined, [])) => {
    gateway = await startTestGateway({
      gatewayConfig: { cache: { enabled: true, responsesEnabled: true, ttls: cacheTtls } },
    });
  };

  it('answers a repeated query from the whole cached response, without Slack or execution', async () => {
    await start();
    const cold = await gateway.graphql(LIST);
    gateway.resetEmulatorCalls();
    const warm = await gateway.graphql(LIST);
    expect(warm.body).toEqual(cold.body);
    expect(gateway.emulatorCalls().total).toBe(0);
    expect(await responseLookups(gateway)).toEqual({ hits: 1, misses: 1 });
  });

  it('keys responses by token, variables and operation', async () => {
    await start();
    const alice = await gateway.graphql(LIST, {}, { token: SCENARIO_TOKENS.alice });
    const bob = await gateway.graphql(LIST, {}, { token: SCENARIO_TOKENS.bob });
    const ids = (body: typeof alice.body) =>
      (
        body.data as { conversations: { edges: { node: { id: string } }[] } }
      ).conversations.edges.map((edge) => edge.node.id);
    // Bob sees his private channel, Alice does not: a shared response would leak it or hide it.
    expect(ids(bob.body)).toContain(C.secret);
    expect(ids(alice.body)).not.toContain(C.secret);
    await gateway.graphql(TOPIC, { id: C.general });
    await gateway.graphql(TOPIC, { id: C.random });
    expect(await responseLookups(gateway)).toEqual({ hits: 0, misses: 4 });
    expect((await gateway.graphql(TOPIC, { id: C.random })).body.errors).toBeUndefined();
    expect(await responseLookups(gateway)).toEqual({ hits: 1, misses: 4 });
  });

  it('drops a response once a write changes what it was built from, for every token', async () => {
    await start();
    for (const token of [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob]) {
      await gateway.graphql(TOPIC, { id: C.general }, { token });
    }
    const write = await gateway.graphql(
      `mutation { setConversationTopic(input: { id: "${C.general}", topic: "Fresh" }) {
        __typename
      } }`,
      {},
      { token: SCENARIO_TOKENS.bob },
    );
    expect(write.body.errors).toBeUndefined();
    for (const token of [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob]) {
      const { body } = await gateway.graphql(TOPIC, { id: C.general }, { token });
      expect(body.data).toEqual({ conversation: { topic: { value: 'Fresh' } } });
    }
    expect((await responseLookups(gateway)).hits).toBe(0);
  });

  it('never keeps a response with errors', async () => {
    await start();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { body } = await gateway.graphql(TOPIC, { id: 'C0NOSUCH01' });
      expect(body.errors?.[0]?.extensions?.code).toBe('CHANNEL_NOT_FOUND');
    }
    expect(await responseLookups(gateway)).toEqual({ hits: 0, misses: 2 });
  });

  it('never keeps a response built from a Slack answer the cache does not keep', async () => {
    await start(parseCacheTtls('history=0', []));
    await gateway.graphql(MESSAGES, { id: C.general });
    gateway.resetEmulatorCalls();
    const { body } = await gateway.graphql(MESSAGES, { id: C.general });
    expect(body.errors).toBeUndefined();
    expect(gateway.emulatorCalls().calls['conversations.history']).toBe(1);
    expect((await responseLookups(gateway)).hits).toBe(0);
  });

  it('leaves deferred queries and mutations to execution', async () => {
    await start();
    const deferred = `query Deferred($id: ID!) {
      conversation(id: $id) { id ... @defer { topic { value } } }
    }`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await postAsAlice(
        gateway.url,
        { query: deferred, variables: { id: C.general } },
        'multipart/mixed',
      );
      expect(await response.text()).toContain('"hasNext":false');
    }
    const rename = `mutation { setConversationPurpose(input: { id: "${C.random}", purpose: "p" }) {
      __typename
    } }`;
    await gateway.graphql(rename);
    gateway.resetEmulatorCalls();
    await gateway.graphql(rename);
    expect(gateway.emulatorCalls().calls['conversations.setPurpose']).toBe(1);
    expect(await responseLookups(gateway)).toEqual({ hits: 0, misses: 0 });
  });

  it('is off with the cache', async () => {
    gateway = await startTestGateway({
      gatewayConfig: { cache: { enabled: false, responsesEnabled: true } },
    });
    await gateway.graphql(TOPIC, { id: C.general });
    await gateway.graphql(TOPIC, { id: C.general });
    expect(gateway.emulatorCalls().calls['conversations.info']).toBe(2);
    expect(await responseLookups(gateway)).toEqual({ hits: 0, misses: 0 });
  });
});
