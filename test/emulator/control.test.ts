import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { DEFAULT_CONFIG, type FaultKind } from '../../src/emulator/emulator-config.js';
import { emptyDeliveryStats } from '../../src/emulator/events/delivery-stats.js';
import { SCENARIO_TOKENS, scenarioWorkspace } from '../fixtures/scenario-workspace.js';
import { slackCall, startTestEmulator } from '../helpers/emulator.js';

let emulator: EmulatorHandle | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(config?: Parameters<typeof startTestEmulator>[1]) {
  emulator = await startTestEmulator(undefined, config);
  return emulator;
}

async function control(handle: EmulatorHandle, path: string, init?: RequestInit) {
  const response = await fetch(`${handle.origin}/_emulator/${path}`, init);
  return { status: response.status, body: await response.json() };
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('stats', () => {
  it('count every /api/ call by method, errors and unknown methods included', async () => {
    const handle = await start();
    await slackCall(handle.url, 'auth.test', {}, { token: SCENARIO_TOKENS.alice });
    await slackCall(handle.url, 'auth.test', {}, { token: 'xoxp-nobody' });
    await slackCall(handle.url, 'users.info', {}, { token: SCENARIO_TOKENS.alice });
    await slackCall(handle.url, 'no.such');
    const { status, body } = await control(handle, 'stats');
    expect(status).toBe(200);
    expect(body).toEqual({
      calls: { 'auth.test': 2, 'users.info': 1, 'no.such': 1 },
      total: 4,
      events: emptyDeliveryStats(),
    });
    expect({ ...handle.stats(), events: handle.eventStats() }).toEqual(body);
  });

  it('reset to zero over HTTP and programmatically, and never count control calls', async () => {
    const handle = await start();
    await slackCall(handle.url, 'api.test');
    expect(await control(handle, 'stats/reset', { method: 'POST' })).toEqual({
      status: 200,
      body: { calls: {}, total: 0, events: emptyDeliveryStats() },
    });
    await slackCall(handle.url, 'api.test');
    handle.resetStats();
    await control(handle, 'config');
    expect((await control(handle, 'stats')).body).toEqual({
      calls: {},
      total: 0,
      events: emptyDeliveryStats(),
    });
  });
});

describe('config', () => {
  it('round-trips a partial config through POST and GET', async () => {
    const handle = await start();
    expect((await control(handle, 'config')).body).toEqual(DEFAULT_CONFIG);
    const patch = {
      rateLimits: true,
      rateWindowMs: 1_000,
      faults: [{ method: '*', kind: 'reset', rate: 0 }],
    };
    const posted = await control(handle, 'config', postJson(patch));
    expect(posted).toEqual({ status: 200, body: { ...DEFAULT_CONFIG, ...patch } });
    expect((await control(handle, 'config')).body).toEqual(posted.body);
    expect(handle.config()).toEqual(posted.body);
  });

  it('rejects bad input with 400 naming each problem and changes nothing', async () => {
    const handle = await start();
    const bad = {
      rateWindowMs: 0,
      faults: [{ method: '*', kind: 'explode', rate: 1 }],
      colour: 'red',
    };
    const { status, body } = await control(handle, 'config', postJson(bad));
    expect(status).toBe(400);
    expect(body.error).toContain('rateWindowMs');
    expect(body.error).toContain('faults[0].kind');
    expect(body.error).toContain('unknown config field: colour');
    expect((await control(handle, 'config', postJson([1]))).status).toBe(400);
    expect((await control(handle, 'config', { method: 'POST', body: '{' })).status).toBe(400);
    expect(handle.config()).toEqual(DEFAULT_CONFIG);
  });

  it('throws the same validation error from the programmatic API', async () => {
    const handle = await start();
    expect(() => handle.configure({ latencyMs: -1 })).toThrow('latencyMs');
  });
});

describe('workspace replacement', () => {
  it('replaces the whole state with a valid workspace file', async () => {
    const handle = await start();
    const file = scenarioWorkspace();
    file.team = { ...file.team, id: 'T0REPLACED', name: 'Replaced', domain: 'replaced' };
    const { status, body } = await control(handle, 'workspace', postJson(file));
    expect(status).toBe(200);
    expect(body).toEqual({
      team: 'T0REPLACED',
      users: file.users.length,
      conversations: file.conversations.length,
    });
    const auth = await slackCall(handle.url, 'auth.test', {}, { token: SCENARIO_TOKENS.alice });
    expect(auth.body).toMatchObject({ ok: true, team_id: 'T0REPLACED', team: 'Replaced' });
  });

  it('rejects an invalid file with 400 naming the bad entry and keeps the old state', async () => {
    const handle = await start();
    const file = scenarioWorkspace();
    file.tokens.push({ token: 'xoxp-ghost', user_id: 'U0GHOST000', scopes: [] });
    const { status, body } = await control(handle, 'workspace', postJson(file));
    expect(status).toBe(400);
    expect(body.error).toContain('U0GHOST000');
    const auth = await slackCall(handle.url, 'auth.test', {}, { token: SCENARIO_TOKENS.alice });
    expect(auth.body).toMatchObject({ ok: true, team_id: 'T0SCENARIO' });
  });

  it('replaces the state programmatically', async () => {
    const handle = await start();
    const file = scenarioWorkspace();
    file.tokens = file.tokens.filter((token) => token.token !== SCENARIO_TOKENS.alice);
    handle.replaceWorkspace(file);
    const auth = await slackCall(handle.url, 'auth.test', {}, { token: SCENARIO_TOKENS.alice });
    expect(auth.body).toEqual({ ok: false, error: 'invalid_auth' });
  });
});

describe('control routing', () => {
  it('answers 404 for unknown control paths and 405 with Allow for wrong verbs', async () => {
    const handle = await start();
    expect((await control(handle, 'nothing')).status).toBe(404);
    const response = await fetch(`${handle.origin}/_emulator/stats`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    await response.arrayBuffer();
  });
});

describe('faults', () => {
  const fault = (kind: FaultKind, method = '*') => ({ faults: [{ method, kind, rate: 1 }] });

  it('http_500 answers HTTP 500 with fatal_error', async () => {
    const handle = await start(fault('http_500'));
    const { status, body } = await slackCall(
      handle.url,
      'auth.test',
      {},
      { token: SCENARIO_TOKENS.alice },
    );
    expect(status).toBe(500);
    expect(body).toEqual({ ok: false, error: 'fatal_error' });
  });

  it('ratelimited answers 429 with Retry-After 1', async () => {
    const handle = await start(fault('ratelimited'));
    const { status, headers, body } = await slackCall(handle.url, 'api.test');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('1');
    expect(body).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('malformed_json answers 200 with the real body cut short', async () => {
    const handle = await start(fault('malformed_json'));
    const { status, text, body } = await slackCall(
      handle.url,
      'auth.test',
      {},
      { token: SCENARIO_TOKENS.alice },
    );
    expect(status).toBe(200);
    expect(body).toBeUndefined();
    expect(text.startsWith('{"ok":true')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('reset destroys the connection without an answer', async () => {
    const handle = await start(fault('reset'));
    await expect(slackCall(handle.url, 'api.test')).rejects.toThrow();
    expect(handle.stats().total).toBe(1);
  });

  it('timeout never answers, and close() ends the hung connection', async () => {
    const handle = await start(fault('timeout'));
    const pending = slackCall(handle.url, 'api.test');
    const settled = pending.then(
      () => 'answered',
      () => 'failed',
    );
    while (handle.stats().total === 0) await new Promise((resolve) => setImmediate(resolve));
    await handle.close();
    emulator = undefined;
    expect(await settled).toBe('failed');
  });

  it('applies only to the named method', async () => {
    const handle = await start(fault('http_500', 'users.info'));
    expect((await slackCall(handle.url, 'api.test')).status).toBe(200);
    const hit = await slackCall(handle.url, 'users.info', {}, { token: SCENARIO_TOKENS.alice });
    expect(hit.status).toBe(500);
  });

  it('are deterministic for a seed: the same calls fail the same way, and reseeding replays', async () => {
    const config = {
      seed: 42,
      faults: [{ method: 'api.test', kind: 'http_500' as const, rate: 0.5 }],
    };
    const run = async (handle: EmulatorHandle) => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1)
        statuses.push((await slackCall(handle.url, 'api.test')).status);
      return statuses;
    };
    const first = await run(await start(config));
    expect(first).toContain(500);
    expect(first).toContain(200);
    emulator?.configure({ seed: 42 });
    expect(await run(emulator as EmulatorHandle)).toEqual(first);
  });

  it('latency and jitter still deliver the correct answer', async () => {
    const handle = await start({ latencyMs: 5, jitterMs: 5 });
    const { body } = await slackCall(handle.url, 'api.test', { x: 'y' });
    expect(body).toEqual({ ok: true, args: { x: 'y' } });
  });
});
