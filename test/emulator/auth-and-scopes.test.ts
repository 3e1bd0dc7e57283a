import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { slackCall, startTestEmulator } from '../helpers/emulator.js';

const DAVE_TOKEN = 'xoxp-scenario-dave';

let emulator: EmulatorHandle;

beforeAll(async () => {
  const workspace = scenarioWorkspace();
  workspace.tokens.push({
    token: DAVE_TOKEN,
    user_id: SCENARIO_IDS.users.dave,
    scopes: ['users:read'],
  });
  emulator = await startTestEmulator(workspace);
});

afterAll(async () => {
  await emulator.close();
});

const authTest = (token: string | undefined, transport?: 'form' | 'json' | 'get' | 'form-token') =>
  slackCall(emulator.url, 'auth.test', {}, { token, transport });

describe('token resolution', () => {
  it('answers not_authed without a token', async () => {
    const { status, body, headers } = await authTest(undefined);
    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, error: 'not_authed' });
    expect(headers.get('x-oauth-scopes')).toBeNull();
  });

  it('answers invalid_auth for an unknown token', async () => {
    expect((await authTest('xoxp-nobody')).body).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('answers token_revoked for a revoked token', async () => {
    expect((await authTest(SCENARIO_TOKENS.revoked)).body).toEqual({
      ok: false,
      error: 'token_revoked',
    });
  });

  it('answers account_inactive for the token of a deactivated user', async () => {
    expect((await authTest(DAVE_TOKEN)).body).toEqual({ ok: false, error: 'account_inactive' });
  });

  it('accepts the token as a bearer header on GET and POST, and as a form field', async () => {
    for (const transport of ['form', 'get', 'form-token'] as const) {
      const { body } = await authTest(SCENARIO_TOKENS.alice, transport);
      expect(body).toMatchObject({ ok: true, user_id: SCENARIO_IDS.users.alice });
    }
  });

  it('ignores a token in a JSON body: only the Authorization header authenticates JSON', async () => {
    const response = await fetch(`${emulator.url}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ token: SCENARIO_TOKENS.alice }),
    });
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('ignores a query-string token unless legacy query tokens are enabled', async () => {
    const url = `${emulator.url}auth.test?token=${SCENARIO_TOKENS.alice}`;
    expect(await (await fetch(url)).json()).toEqual({ ok: false, error: 'not_authed' });
    emulator.configure({ legacyQueryTokens: true });
    try {
      expect(await (await fetch(url)).json()).toMatchObject({ ok: true, user: 'alice' });
    } finally {
      emulator.configure({ legacyQueryTokens: false });
    }
  });

  it('prefers the Authorization header over a form token', async () => {
    const response = await fetch(`${emulator.url}auth.test`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SCENARIO_TOKENS.bob}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `token=${SCENARIO_TOKENS.alice}`,
    });
    expect(await response.json()).toMatchObject({ ok: true, user: 'bob' });
  });

  it('checks the token before the arguments', async () => {
    const { body } = await slackCall(emulator.url, 'users.info', {}, { token: 'xoxp-nobody' });
    expect(body).toEqual({ ok: false, error: 'invalid_auth' });
  });
});

describe('scopes', () => {
  it('reports missing_scope with needed and provided, and the scope headers', async () => {
    const { body, headers } = await slackCall(
      emulator.url,
      'users.list',
      {},
      {
        token: SCENARIO_TOKENS.readOnly,
      },
    );
    expect(body).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'users:read',
      provided: 'channels:read',
    });
    expect(headers.get('x-oauth-scopes')).toBe('channels:read');
    expect(headers.get('x-accepted-oauth-scopes')).toBe('users:read');
  });

  it('lists every granted scope in X-OAuth-Scopes and omits X-Accepted-OAuth-Scopes for scope-free methods', async () => {
    const { headers } = await authTest(SCENARIO_TOKENS.bot);
    const granted = scenarioWorkspace().tokens.find((t) => t.token === SCENARIO_TOKENS.bot)?.scopes;
    expect(headers.get('x-oauth-scopes')?.split(',')).toEqual(granted);
    expect(headers.get('x-accepted-oauth-scopes')).toBeNull();
  });
});
