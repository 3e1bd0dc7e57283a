import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { schema } from '../../src/graphql/schema.js';
import { DEFAULT_QUERY } from '../../src/http/graphiql.js';
import { type RunningServer, startServer } from '../../src/http/server.js';
import { createGateway } from '../../src/http/yoga.js';
import { createSlackClient } from '../../src/slack/client.js';
import { SlackPlatformError, SlackRateLimitedError } from '../../src/slack/errors.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const VIEWER = '{ viewer { user { id } } }';

describe('the gateway server', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ token: null });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('answers the health check with 200', async () => {
    const response = await fetch(new URL('/healthz', gw.url));
    await response.arrayBuffer();
    expect(response.status).toBe(200);
  });

  it('serves GraphiQL with every asset inlined, so it works offline', async () => {
    const response = await fetch(gw.url, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    const externalAssets = html.match(
      /<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\//gi,
    );
    expect(externalAssets).toBeNull();
  });

  it('tells GraphiQL not to persist headers (tokens) in the browser', async () => {
    const html = await (await fetch(gw.url, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('"shouldPersistHeaders":false');
    expect(html).toContain(JSON.stringify(DEFAULT_QUERY));
  });

  it('opens GraphiQL with a default query that is valid against the schema', () => {
    expect(validate(schema, parse(DEFAULT_QUERY))).toEqual([]);
  });

  it('answers introspection without a token and without calling Slack', async () => {
    const { status, body } = await gw.graphql('{ __typename }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: 'Query' } });
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('refuses form-encoded POSTs, which browsers send cross-site without a preflight', async () => {
    const simpleBodies: Array<[string, string]> = [
      ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n',
      ],
      ['text/plain', '{"query":"{ __typename }"}'],
    ];
    for (const [type, body] of simpleBodies) {
      const response = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      await response.arrayBuffer();
      expect(response.status).toBe(415);
    }
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const response = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    await response.arrayBuffer();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('fails with UNAUTHENTICATED and calls Slack zero times when no token is known', async () => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql(DEFAULT_QUERY);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(gw.emulatorCalls().total).toBe(0);
  });
});

describe('the Authorization header', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      gatewayConfig: {
        frontends: { corsOrigins: ['http://app.test'] },
        slack: { defaultToken: SCENARIO_TOKENS.alice },
      },
    });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('falls back to the configured default token when absent', async () => {
    const { body } = await gw.graphql(VIEWER, {}, { token: null });
    expect(body).toEqual({ data: { viewer: { user: { id: SCENARIO_IDS.users.alice } } } });
  });

  it('prefers the request’s own token to the default one', async () => {
    const { body } = await gw.graphql(VIEWER, {}, { token: SCENARIO_TOKENS.bob });
    expect(body).toEqual({ data: { viewer: { user: { id: SCENARIO_IDS.users.bob } } } });
  });

  it('does not fall back to the default token when it is malformed', async () => {
    gw.resetEmulatorCalls();
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: VIEWER }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('lets a configured browser origin send it (CORS)', async () => {
    const response = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    await response.arrayBuffer();
    expect(response.headers.get('access-control-allow-origin')).toBe('http://app.test');
  });

  it('passes Slack’s refusal of a bad token through as its code', async () => {
    const { body } = await gw.graphql(VIEWER, {}, { token: 'xoxp-not-a-real-token' });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_AUTH',
      slack: { error: 'invalid_auth' },
    });
    expect(JSON.stringify(body)).not.toContain('xoxp-not-a-real-token');
  });
});

describe('error masking', () => {
  let server: RunningServer;
  const slack = createSlackClient({ baseUrl: 'http://127.0.0.1:9/api/' });

  const failing = (error: () => Error) => ({
    type: GraphQLString,
    resolve: () => Promise.reject(error()),
  });
  const throwaway = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        platform: failing(
          () =>
            new SlackPlatformError('conversations.info', {
              ok: false,
              error: 'missing_scope',
              needed: 'channels:read',
              provided: 'users:read',
            }),
        ),
        rateLimited: failing(() => new SlackRateLimitedError('conversations.list', 7)),
        gateway: failing(() => new GatewayError('cursor is stale', 'BAD_USER_INPUT')),
        bug: failing(() => new Error('secret internals: xoxp-leak')),
      },
    }),
  });

  beforeAll(async () => {
    const { listener } = createGateway({
      schema: throwaway,
      slack,
      config: {
        frontends: { corsOrigins: [] },
        slack: { defaultToken: undefined },
        observability: { logLevel: 'silent' },
      },
    });
    server = await startServer(listener, { port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    await slack.close();
  });

  async function errorsOf(query: string) {
    const response = await fetch(`${server.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors: Array<Record<string, unknown>> };
    return body.errors;
  }

  it('maps a Slack refusal to its upper-cased code, keeping path and location', async () => {
    expect(await errorsOf('{ platform }')).toEqual([
      {
        message: 'Slack conversations.info failed: missing_scope',
        locations: [{ line: 1, column: 3 }],
        path: ['platform'],
        extensions: {
          code: 'MISSING_SCOPE',
          slack: {
            error: 'missing_scope',
            method: 'conversations.info',
            needed: 'channels:read',
            provided: 'users:read',
          },
        },
      },
    ]);
  });

  it('maps a rate limit to RATE_LIMITED with retryAfter', async () => {
    const [error] = await errorsOf('{ rateLimited }');
    expect(error?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfter: 7,
      rateLimitedBy: 'slack',
      slack: { error: 'ratelimited', method: 'conversations.list' },
    });
    expect(error?.message).toBe('Slack rate-limited conversations.list; retry after 7s.');
  });

  it('shows a GatewayError as thrown', async () => {
    const [error] = await errorsOf('{ gateway }');
    expect(error).toMatchObject({
      message: 'cursor is stale',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('masks every other error', async () => {
    const errors = await errorsOf('{ bug }');
    expect(errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [{ line: 1, column: 3 }],
        path: ['bug'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('xoxp-leak');
  });
});

describe('startServer', () => {
  it('lets an in-flight request finish on close, then refuses new connections', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await startServer(
      (_request, response) => {
        arrived();
        released.then(() => response.end('done'));
      },
      { port: 0, host: '127.0.0.1' },
    );
    const pending = fetch(server.origin).then((response) => response.text());
    await requestArrived;
    const closing = server.close();
    release();
    expect(await pending).toBe('done');
    await closing;
    await expect(fetch(server.origin)).rejects.toThrow();
  });

  it('cuts requests still running after the grace period', async () => {
    const server = await startServer(() => undefined, { port: 0, host: '127.0.0.1' });
    const pending = fetch(server.origin);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.close(10);
    await expect(pending).rejects.toThrow();
  });
});

describe('npm start', () => {
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function start(env: Record<string, string>): ChildProcess {
    const inherited = { ...process.env };
    for (const name of ['SLACK_API_URL', 'SLACK_TOKEN', 'SLACK_BOT_TOKEN', 'HOST', 'LOG_LEVEL']) {
      delete inherited[name];
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return child;
  }

  function output(stream: NodeJS.ReadableStream | null): () => string {
    let text = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      text += chunk;
    });
    return () => text;
  }

  it('starts the embedded emulator, serves GraphQL with the demo token and stops on SIGTERM', async () => {
    const child = start({ PORT: '0', LOG_LEVEL: 'silent' });
    const stdout = output(child.stdout);
    const stderr = output(child.stderr);
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const match = /^gateway ready (http:\/\/127\.0\.0\.1:\d+\/graphql)$/m.exec(stdout());
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr()}`)));
    });
    expect(stdout()).toMatch(
      /using the embedded Slack emulator \(demo workspace\).*demo user token/,
    );

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DEFAULT_QUERY }),
    });
    const body = (await response.json()) as {
      data?: { conversation?: { id: string }; conversations?: { edges: unknown[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.conversation?.id).toBe('C01GENERAL0');
    expect(body.data?.conversations?.edges.length).toBeGreaterThan(0);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses to start on bad configuration and names every problem', async () => {
    const child = start({ PORT: 'eighty', SLACK_MAX_RETRIES: 'many' });
    const stderr = output(child.stderr);
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr()).toContain('PORT must be an integer');
    expect(stderr()).toContain('SLACK_MAX_RETRIES must be an integer');
  });
});
