import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../../src/config.js';
import type { SlackCostReport } from '../../src/operation-cost/slack-cost-ledger.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { postTextAsAlice } from '../helpers/post-graphql.js';

const C = SCENARIO_IDS.conversations;

const QUERY = `query Overview($id: ID!) {
  viewer { user { name } }
  conversation(id: $id) {
    name numMembers
    members(first: 3) { edges { node { id name } } }
    messages(first: 5) { edges { node { ts user { name } } } }
  }
  conversations(first: 4) { edges { node { id isMember } } }
}`;

const MUTATION = `mutation Topic($id: ID!, $topic: String!) {
  setConversationTopic(input: { id: $id, topic: $topic }) {
    ... on SetConversationTopicPayload { conversation { topic { value } } }
  }
}`;

const DEFERRED = `query Deferred($id: ID!) {
  conversation(id: $id) {
    id name
    ... @defer { members(first: 10) { edges { node { id name } } } }
    ... @defer { messages(first: 3) { edges { node { ts } } } }
  }
}`;

interface CostBody {
  data?: unknown;
  errors?: unknown[];
  extensions?: { slackCost?: SlackCostReport };
  hasNext?: boolean;
}

async function post(
  gw: TestGateway,
  query: string,
  variables: object,
  headers: Record<string, string> = {},
): Promise<Response> {
  return postTextAsAlice(gw.url, JSON.stringify({ query, variables }), headers);
}

async function cost(gw: TestGateway, query: string, variables: object): Promise<CostBody> {
  return (await (await post(gw, query, variables)).json()) as CostBody;
}

/** The JSON parts of a multipart/mixed (incremental delivery) response. */
async function parts(response: Response): Promise<CostBody[]> {
  const boundary = /boundary="?([^";]+)"?/.exec(response.headers.get('content-type') ?? '')?.[1];
  const text = await response.text();
  return text
    .split(`--${boundary ?? '-'}`)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '' && chunk !== '--')
    .map((chunk) => JSON.parse(chunk.slice(chunk.indexOf('\r\n\r\n') + 4)) as CostBody);
}

describe('extensions.slackCost', () => {
  let gw: TestGateway;
  afterEach(() => gw.close());

  const start = async (config: ConfigOverrides = {}, emulatorConfig = {}) => {
    gw = await startTestGateway({
      gatewayConfig: { observability: { slackCostExposure: 'always' }, ...config },
      emulatorConfig,
    });
    gw.resetEmulatorCalls();
  };

  it('reports the Slack calls of a query by method, as the emulator counted them, with the estimate', async () => {
    await start();
    const body = await cost(gw, QUERY, { id: C.general });
    expect(body.errors).toBeUndefined();
    const report = body.extensions?.slackCost as SlackCostReport;
    const emulator = gw.emulatorCalls();
    expect(report.calls).toEqual(emulator.calls);
    expect(report.totalCalls).toBe(emulator.total);
    expect(report.totalCalls).toBeGreaterThan(3);
    expect(report.estimate).toBeGreaterThanOrEqual(report.totalCalls);
    expect(report.budget).toBe(1_000);
    expect(report.totalCacheAnswers).toBe(0);
    expect(report.responseCache).toBe(false);
  });

  it('reports a mutation and the reads of its payload', async () => {
    await start();
    const body = await cost(gw, MUTATION, { id: C.general, topic: 'Costs, visibly' });
    expect(body.data).toEqual({
      setConversationTopic: { conversation: { topic: { value: 'Costs, visibly' } } },
    });
    const report = body.extensions?.slackCost as SlackCostReport;
    expect(report.calls).toEqual(gw.emulatorCalls().calls);
    expect(report.calls['conversations.setTopic']).toBe(1);
    expect(report.estimate).toBeGreaterThanOrEqual(report.totalCalls);
  });

  it('counts every attempt Slack saw, retries included', async () => {
    await start({}, { faults: [{ method: 'conversations.info', kind: 'http_500', rate: 0.5 }] });
    const body = await cost(gw, 'query($id: ID!) { conversation(id: $id) { name } }', {
      id: C.general,
    });
    const report = body.extensions?.slackCost as SlackCostReport;
    expect(report.calls).toEqual(gw.emulatorCalls().calls);
  });

  it('reports the running figures on every part of a @defer response; the last equals the emulator', async () => {
    await start({}, { latencyMs: 20 });
    const response = await post(gw, DEFERRED, { id: C.general }, { accept: 'multipart/mixed' });
    const received = await parts(response);
    expect(received.length).toBeGreaterThan(1);
    const totals = received.map((part) => part.extensions?.slackCost?.totalCalls ?? -1);
    expect(totals.every((total, index) => index === 0 || total >= (totals[index - 1] ?? 0))).toBe(
      true,
    );
    const last = received.at(-1)?.extensions?.slackCost as SlackCostReport;
    expect(last.calls).toEqual(gw.emulatorCalls().calls);
    expect(last.estimate).toBeGreaterThanOrEqual(last.totalCalls);
  });

  it('says a response the response cache answered made no Slack call', async () => {
    await start({ cache: { enabled: true, responsesEnabled: true } });
    const cold = await cost(gw, QUERY, { id: C.random });
    expect(cold.extensions?.slackCost?.calls).toEqual(gw.emulatorCalls().calls);
    gw.resetEmulatorCalls();
    const warm = await cost(gw, QUERY, { id: C.random });
    expect(warm.data).toEqual(cold.data);
    expect(gw.emulatorCalls().total).toBe(0);
    expect(warm.extensions?.slackCost).toMatchObject({
      calls: {},
      totalCalls: 0,
      responseCache: true,
    });
  });

  it('counts reads the shared cache answered instead of Slack', async () => {
    await start({ cache: { enabled: true, responsesEnabled: false } });
    const query = 'query($id: ID!) { conversation(id: $id) { name } }';
    const first = await cost(gw, query, { id: C.general });
    expect(first.extensions?.slackCost).toMatchObject({ totalCalls: 1, totalCacheAnswers: 0 });
    gw.resetEmulatorCalls();
    const second = await cost(gw, query, { id: C.general });
    expect(gw.emulatorCalls().total).toBe(0);
    expect(second.extensions?.slackCost).toMatchObject({
      calls: {},
      totalCalls: 0,
      totalCacheAnswers: 1,
      responseCache: false,
    });
  });

  it('reports the estimate and budget of an operation refused before execution', async () => {
    await start({ limits: { slackCallBudget: 5 } });
    const body = await cost(gw, QUERY, { id: C.general });
    expect(body.errors).toHaveLength(1);
    expect(body.extensions?.slackCost).toMatchObject({ totalCalls: 0, budget: 5 });
    expect(body.extensions?.slackCost?.estimate).toBeGreaterThan(5);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('on request only, where production exposure asks for the header', async () => {
    await start({ observability: { slackCostExposure: 'on-request' } });
    const query = '{ viewer { user { id } } }';
    const without = (await (await post(gw, query, {})).json()) as CostBody;
    expect(without.extensions).toBeUndefined();
    const asked = (await (await post(gw, query, {}, { 'x-slack-cost': '1' })).json()) as CostBody;
    expect(asked.extensions?.slackCost?.calls).toEqual({ 'auth.test': 1 });
  });

  it('never, when exposure is off', async () => {
    await start({ observability: { slackCostExposure: 'never' } });
    const asked = (await (
      await post(gw, '{ viewer { user { id } } }', {}, { 'x-slack-cost': '1' })
    ).json()) as CostBody;
    expect(asked.extensions).toBeUndefined();
  });
});
