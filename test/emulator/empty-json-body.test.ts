import { LogLevel, WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/emulator/methods/registry.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { useTestEmulator } from '../helpers/emulator.js';

/**
 * A POST with an empty body means "no arguments", whatever its content type: slack_sdk and Bolt
 * for Python send argument-less calls (auth.test at start-up, api.test, team.info) as
 * `Content-Type: application/json` with an empty body, and Slack answers them.
 */

const emulator = useTestEmulator();
const TOKEN = SCENARIO_TOKENS.alice;

/** The content types an empty body arrives with, as the SDKs spell them. */
const CONTENT_TYPES = [
  'application/json',
  'application/json;charset=utf-8',
  'application/x-www-form-urlencoded',
] as const;

async function post(method: string, contentType: string, body: string) {
  const response = await fetch(`${emulator.url}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Authorization: `Bearer ${TOKEN}` },
    body,
  });
  return (await response.json()) as { ok: boolean; error?: string } & Record<string, unknown>;
}

/**
 * The official Node client with a fetch that re-sends each call as slack_sdk does: JSON, and an
 * empty body when the call has no arguments.
 */
function pythonStyleClient(): WebClient {
  const asPythonSdk: typeof fetch = (input, init) => {
    const form = new URLSearchParams(String(init?.body ?? ''));
    const args = Object.fromEntries(form);
    const headers = new Headers(init?.headers);
    headers.set('Content-Type', 'application/json;charset=utf-8');
    const body = form.size === 0 ? '' : JSON.stringify(args);
    return fetch(input, { ...init, headers, body });
  };
  return new WebClient(TOKEN, {
    slackApiUrl: emulator.url,
    logLevel: LogLevel.ERROR,
    fetch: asPythonSdk,
  });
}

describe('empty request bodies', () => {
  it('answers auth.test, api.test and team.info sent as slack_sdk sends them (WebClient)', async () => {
    const web = pythonStyleClient();
    expect(await web.auth.test()).toMatchObject({ ok: true, user_id: SCENARIO_IDS.users.alice });
    expect(await web.api.test()).toMatchObject({ ok: true });
    expect(await web.team.info()).toMatchObject({ ok: true, team: { id: SCENARIO_IDS.team } });
  });

  it.each(CONTENT_TYPES)(
    'reads an empty %s body as no arguments for auth.test and api.test',
    async (contentType) => {
      expect(await post('auth.test', contentType, '')).toMatchObject({
        ok: true,
        user_id: SCENARIO_IDS.users.alice,
      });
      expect(await post('api.test', contentType, '')).toMatchObject({ ok: true });
    },
  );

  it.each([...METHODS.keys()])(
    'answers %s with an empty JSON body as it answers {} (never invalid_json)',
    async (method) => {
      const empty = await post(method, 'application/json', '');
      const emptyObject = await post(method, 'application/json', '{}');
      expect(empty.error).not.toBe('invalid_json');
      expect({ ok: empty.ok, error: empty.error }).toEqual({
        ok: emptyObject.ok,
        error: emptyObject.error,
      });
    },
  );
});
