import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { deliverEvent, eventCallback, TEST_SIGNING_SECRET } from '../helpers/slack-events.js';

const { general, random } = SCENARIO_IDS.conversations;

/** Calls the emulator directly, as another client of the workspace would (not through the gateway). */
async function slackCall(
  gw: TestGateway,
  method: string,
  args: Record<string, string>,
  token: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${gw.emulator.url}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: new URLSearchParams(args),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('POST /slack/events (signed HTTP deliveries)', () => {
  let gw: TestGateway;
  let origin: string;

  beforeAll(async () => {
    gw = await startTestGateway({
      gatewayConfig: { cache: { enabled: true }, events: { signingSecret: TEST_SIGNING_SECRET } },
    });
    origin = gw.gateway.server.origin;
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.resetEmulatorCalls());

  it('answers url_verification with the challenge, only when signed', async () => {
    const body = { type: 'url_verification', token: 'legacy', challenge: 'c-123' };
    const signed = await deliverEvent(origin, body);
    expect(signed).toEqual({ status: 200, text: JSON.stringify({ challenge: 'c-123' }) });
    const forged = await deliverEvent(origin, body, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.text).toBe('');
  });

  it('refuses forged, stale, unsigned and oversized deliveries without touching Slack or the cache', async () => {
    await gw.graphql(`query($id: ID!) { conversation(id: $id) { name } }`, { id: general });
    gw.resetEmulatorCalls();
    const rename = eventCallback({ type: 'channel_rename', channel: { id: general, name: 'x' } });
    expect((await deliverEvent(origin, rename, { secret: 'wrong' })).status).toBe(401);
    expect((await deliverEvent(origin, rename, { signature: 'v0=00' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1_000) - 301;
    expect((await deliverEvent(origin, rename, { timestamp: stale })).status).toBe(401);
    const future = Math.floor(Date.now() / 1_000) + 301;
    expect((await deliverEvent(origin, rename, { timestamp: future })).status).toBe(401);
    const unsigned = await fetch(`${origin}/slack/events`, {
      method: 'POST',
      body: JSON.stringify(rename),
    });
    expect(unsigned.status).toBe(401);
    const huge = await deliverEvent(origin, `{"pad":"${'x'.repeat(1_100_000)}"}`);
    expect(huge.status).toBe(413);
    expect((await fetch(`${origin}/slack/events`)).status).toBe(405);
    // The cached answer still serves: nothing was invalidated and Slack was never called.
    await gw.graphql(`query($id: ID!) { conversation(id: $id) { name } }`, { id: general });
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('refuses a signed body that is not Slack JSON with 400', async () => {
    expect((await deliverEvent(origin, 'not json')).status).toBe(400);
  });

  it('drops exactly what an event contradicts, for every token, and a retry acts once', async () => {
    const read = (token: string) =>
      gw.graphql(
        `query($id: ID!) { conversation(id: $id) { name members(first: 5) { edges { node { id } } } } }`,
        { id: random },
        { token },
      );
    await read(SCENARIO_TOKENS.alice);
    await read(SCENARIO_TOKENS.bob);
    gw.resetEmulatorCalls();
    await read(SCENARIO_TOKENS.alice);
    await read(SCENARIO_TOKENS.bob);
    expect(gw.emulatorCalls().total).toBe(0);

    // Someone renames #random outside the gateway; Slack then delivers channel_rename.
    const renamed = await slackCall(
      gw,
      'conversations.rename',
      { channel: random, name: 'random-renamed' },
      SCENARIO_TOKENS.bob,
    );
    expect(renamed.ok).toBe(true);
    const event = eventCallback({
      type: 'channel_rename',
      channel: { id: random, name: 'random-renamed', created: 1_700_000_000 },
    });
    expect((await deliverEvent(origin, event)).status).toBe(200);

    gw.resetEmulatorCalls();
    const alice = await read(SCENARIO_TOKENS.alice);
    const bob = await read(SCENARIO_TOKENS.bob);
    expect(alice.body.data).toMatchObject({ conversation: { name: 'random-renamed' } });
    expect(bob.body.data).toMatchObject({ conversation: { name: 'random-renamed' } });
    // conversations.info again for each token; member pages were not contradicted: still cached.
    expect(gw.emulatorCalls().calls).toEqual({ 'conversations.info': 2 });

    // Slack retries the same event_id (X-Slack-Retry-Num): acknowledged, nothing dropped again.
    gw.resetEmulatorCalls();
    expect((await deliverEvent(origin, event, { retryNum: 1 })).status).toBe(200);
    await read(SCENARIO_TOKENS.alice);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('a new message drops history and info but keeps member pages', async () => {
    const read = () =>
      gw.graphql(
        `query($id: ID!) { conversation(id: $id) {
          members(first: 5) { edges { node { id } } }
          messages(first: 1) { edges { node { text } } } } }`,
        { id: general },
      );
    await read();
    gw.resetEmulatorCalls();
    await read();
    expect(gw.emulatorCalls().total).toBe(0);
    const event = eventCallback({
      type: 'message',
      channel: general,
      channel_type: 'channel',
      user: SCENARIO_IDS.users.bob,
      text: 'hello from elsewhere',
      ts: `${Math.floor(Date.now() / 1_000)}.000100`,
    });
    expect((await deliverEvent(origin, event)).status).toBe(200);
    gw.resetEmulatorCalls();
    await read();
    const calls = gw.emulatorCalls().calls;
    expect(calls['conversations.history']).toBe(1);
    expect(calls['conversations.members']).toBeUndefined();
  });
});
