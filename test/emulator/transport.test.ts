import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../src/emulator/http/read-request.js';
import { SlackApiError } from '../../src/emulator/protocol/slack-api-error.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { slackCall, useTestEmulator } from '../helpers/emulator.js';

const emulator = useTestEmulator();

/** A raw POST, for content types slackCall does not produce. */
async function post(method: string, contentType: string | undefined, body: string, token?: string) {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${emulator.url}${method}`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('argument transports', () => {
  it('reads GET query strings', async () => {
    const { body } = await slackCall(emulator.url, 'api.test', { a: '1' }, { transport: 'get' });
    expect(body).toEqual({ ok: true, args: { a: '1' } });
  });

  it('merges the query string with a form body, the body winning', async () => {
    const { body } = await post(
      'api.test?from_query=q&both=query',
      'application/x-www-form-urlencoded',
      'from_form=f&both=form',
    );
    expect(body).toEqual({ ok: true, args: { from_query: 'q', from_form: 'f', both: 'form' } });
  });

  it('reads multipart/form-data bodies', async () => {
    const form = new FormData();
    form.set('part', 'value');
    const response = await fetch(`${emulator.url}api.test`, { method: 'POST', body: form });
    expect(await response.json()).toEqual({ ok: true, args: { part: 'value' } });
  });

  it('reads text/plain bodies as a form', async () => {
    const { body } = await post('api.test', 'text/plain', 'x=1');
    expect(body).toEqual({ ok: true, args: { x: '1' } });
  });

  it('keeps JSON argument types for methods that accept JSON and ignores the query', async () => {
    const { body } = await post(
      'api.test?ignored=yes',
      'application/json; charset=utf-8',
      JSON.stringify({ n: 3, flag: true, list: ['a'] }),
    );
    expect(body).toEqual({ ok: true, args: { n: 3, flag: true, list: ['a'] } });
  });

  it('answers invalid_json for a malformed JSON body and json_not_object for a non-object', async () => {
    expect((await post('api.test', 'application/json; charset=utf-8', '{"a":')).body).toEqual({
      ok: false,
      error: 'invalid_json',
    });
    expect((await post('api.test', 'application/json; charset=utf-8', '[1,2]')).body).toEqual({
      ok: false,
      error: 'json_not_object',
    });
  });

  it('answers invalid_post_type for an unsupported content type', async () => {
    const { status, body } = await post('api.test', 'application/xml', '<a/>');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, error: 'invalid_post_type' });
  });

  it('answers missing_post_type for a POST body without a content type', async () => {
    const response = await fetch(`${emulator.url}api.test`, {
      method: 'POST',
      body: new Uint8Array([97, 61, 49]),
    });
    expect(await response.json()).toEqual({ ok: false, error: 'missing_post_type' });
  });

  it('answers invalid_charset for a charset other than utf-8 or iso-8859-1', async () => {
    const { body } = await post(
      'api.test',
      'application/x-www-form-urlencoded; charset=utf-16',
      '',
    );
    expect(body).toEqual({ ok: false, error: 'invalid_charset' });
  });

  it('warns missing_charset for JSON without a charset', async () => {
    const { body } = await post('api.test', 'application/json', '{"a":"b"}');
    expect(body).toEqual({
      ok: true,
      warning: 'missing_charset',
      args: { a: 'b' },
      response_metadata: { warnings: ['missing_charset'] },
    });
  });

  it('puts request warnings on error bodies too, after the error, as Slack does', async () => {
    const response = await fetch(`${emulator.url}auth.test`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SCENARIO_TOKENS.revoked}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(await response.text()).toBe(
      '{"ok":false,"error":"token_revoked","warning":"missing_charset",' +
        '"response_metadata":{"warnings":["missing_charset"]}}',
    );
  });

  it('warns superfluous_charset for a form that declares a charset, merging with next_cursor', async () => {
    const { body } = await post(
      'users.list',
      'application/x-www-form-urlencoded; charset=utf-8',
      'limit=1',
      SCENARIO_TOKENS.alice,
    );
    expect(body.ok).toBe(true);
    expect(body.warning).toBe('superfluous_charset');
    expect(body.response_metadata.warnings).toEqual(['superfluous_charset']);
    const cursor = Buffer.from(body.response_metadata.next_cursor, 'base64').toString();
    expect(cursor).toBe('user:U0BOB');
  });

  it('ignores a JSON body sent to a method without JSON support, as Slack does', () => {
    const parsed = parseArguments(
      'POST',
      'user=U0BOB',
      { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxp-1' },
      Buffer.from('{"user":"U0ALICE"}'),
      { acceptsJson: false, legacyQueryTokens: false, warnings: [] },
    );
    expect(parsed).toEqual({ args: { user: 'U0BOB' }, token: 'xoxp-1' });
  });

  it('rejects a bad JSON body with a SlackApiError carrying the code', () => {
    const parse = () =>
      parseArguments('POST', '', { 'content-type': 'application/json' }, Buffer.from('nope'), {
        acceptsJson: true,
        legacyQueryTokens: false,
        warnings: [],
      });
    expect(parse).toThrow(SlackApiError);
    expect(parse).toThrow('invalid_json');
  });
});

describe('routing and envelope', () => {
  it("answers an unknown method with HTTP 200 and Slack's unknown_method body", async () => {
    const { status, body } = await slackCall(
      emulator.url,
      'conversations.nope',
      {},
      {
        token: SCENARIO_TOKENS.alice,
      },
    );
    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, error: 'unknown_method', req_method: 'conversations.nope' });
  });

  it('answers 404 outside /api/ and /_emulator/', async () => {
    const response = await fetch(`${emulator.origin}/elsewhere`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it('sends the JSON content type, a unique request ID and both scope headers', async () => {
    const first = await slackCall(
      emulator.url,
      'users.info',
      { user: 'U0BOB' },
      {
        token: SCENARIO_TOKENS.readOnly,
      },
    );
    const second = await slackCall(
      emulator.url,
      'users.info',
      { user: 'U0BOB' },
      {
        token: SCENARIO_TOKENS.readOnly,
      },
    );
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('x-oauth-scopes')).toBe('channels:read');
    expect(first.headers.get('x-accepted-oauth-scopes')).toBe('users:read');
    const ids = [first.headers.get('x-slack-req-id'), second.headers.get('x-slack-req-id')];
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('keeps connections alive for reuse', async () => {
    const { headers } = await slackCall(emulator.url, 'api.test');
    expect(headers.get('connection')).toBe('keep-alive');
  });
});
