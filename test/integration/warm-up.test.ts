import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CHANNELS } from '../../src/emulator/state/demo/public-channels.js';
import {
  DEMO_TOKENS,
  DEMO_WARM_UP_CONVERSATIONS,
  demoWorkspace,
} from '../../src/emulator/state/demo-workspace.js';
import { type WarmUpData, warmUp } from '../../src/http/warm-up.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { type SlackRecorder, startSlackRecorder } from '../helpers/slack-recorder.js';

describe('the start-up warm-up (src/http/warm-up.ts)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // The settings under which a warm-up could cost most: a default token and the caches on.
    gw = await startTestGateway({
      gatewayConfig: {
        slack: { defaultToken: SCENARIO_TOKENS.alice },
        cache: { enabled: true },
      },
    });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('runs its operations through the HTTP stack and makes no Slack call', async () => {
    const answers = await warmUp(gw.url);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('fills no cache: the first real query after it asks Slack', async () => {
    await warmUp(gw.url);
    const result = await gw.graphql<{ conversation: { name: string } }>(
      `query($id: ID!) { conversation(id: $id) { name } }`,
      { id: SCENARIO_IDS.conversations.general },
    );
    expect(result.body).toEqual({ data: { conversation: { name: 'general' } } });
    expect(gw.emulatorCalls().total).toBeGreaterThan(0);
  });
});

describe('the demo warm-up (real reads with a warm-up token of its own)', () => {
  /** What `npm start` warms with on the embedded demo (src/main.ts). */
  const DATA: WarmUpData = {
    token: DEMO_TOKENS.warmUp,
    conversationIds: DEMO_WARM_UP_CONVERSATIONS,
  };
  /** The benchmark's first query (bench/scenarios/startup.ts), as the default token's user. */
  const FIRST_QUERY = `query($id: ID!) { conversation(id: $id) { name numMembers
    members(first: 5) { edges { node { name } } } messages(first: 5) { edges { node { text user { name } } } } } }`;
  const GENERAL = PUBLIC_CHANNELS[0]?.id ?? '';

  let recorder: SlackRecorder;
  const gateways: TestGateway[] = [];
  /** The demo's settings: the default token, the caches and the governor on, calls recorded. */
  const startDemoGateway = async (): Promise<TestGateway> => {
    const gateway = await startTestGateway({
      workspace: demoWorkspace(),
      token: null,
      gatewayConfig: {
        slack: { defaultToken: DEMO_TOKENS.user },
        cache: { enabled: true },
        governor: { enabled: true },
      },
      slackApiUrl: (emulatorUrl) => recorder.forwardTo(emulatorUrl),
    });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    recorder = await startSlackRecorder();
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await recorder.close();
  });

  it('answers every read with data and calls Slack only with the warm-up token', async () => {
    const gateway = await startDemoGateway();
    const answers = await warmUp(gateway.url, DATA);
    // Tokenless rounds first (errors, no Slack call), then one answer per data round, error-free.
    const data = answers.slice(-DATA.conversationIds.length);
    expect(data.every((answer) => answer.status === 200 && answer.errors === 0)).toBe(true);
    const calls = recorder.callsByToken();
    expect([...calls.keys()]).toEqual([DEMO_TOKENS.warmUp]);
    const warmUpCalls = Object.values(calls.get(DEMO_TOKENS.warmUp) ?? {});
    expect(warmUpCalls.reduce((sum, count) => sum + count, 0)).toBe(gateway.emulatorCalls().total);
  });

  it("leaves nothing the default token's first query could use: it costs what it costs without a warm-up", async () => {
    const firstQuery = async (gateway: TestGateway, warm: boolean) => {
      if (warm) await warmUp(gateway.url, DATA);
      gateway.resetEmulatorCalls();
      const result = await gateway.graphql(FIRST_QUERY, { id: GENERAL });
      expect(result.body.errors).toBeUndefined();
      return { body: result.body, calls: gateway.emulatorCalls() };
    };
    const cold = await firstQuery(await startDemoGateway(), false);
    const afterWarmUp = await firstQuery(await startDemoGateway(), true);
    expect(afterWarmUp).toEqual(cold);
    // The default token's own calls: users.list among them (the user directory is not shared
    // with the warm-up token, whose scopes differ).
    expect(cold.calls.calls['users.list']).toBe(1);
    expect(recorder.callsByToken().get(DEMO_TOKENS.user)).toEqual(
      Object.fromEntries(
        Object.entries(cold.calls.calls).map(([method, count]) => [method, count * 2]),
      ),
    );
  });
});
