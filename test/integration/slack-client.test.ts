import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import type { FaultKind } from '../../src/emulator/emulator-config.js';
import { SeededRandom } from '../../src/emulator/limits/faults.js';
import { createSlackClient, type SlackClient } from '../../src/slack/client.js';
import {
  SlackCallCancelledError,
  SlackError,
  SlackHttpError,
  SlackPlatformError,
  SlackRateLimitedError,
  SlackRequestError,
} from '../../src/slack/errors.js';
import { createGovernor } from '../../src/slack/governor/governor.js';
import { type RetryPolicy, rapidRetryPolicy } from '../../src/slack/retry.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackAuthTestResponse } from '../../src/slack/wire-types.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';

const alice = SCENARIO_TOKENS.alice;
const general = SCENARIO_IDS.conversations.general;

let emulator: EmulatorHandle;
const clients: SlackClient[] = [];

function client(options: { retryPolicy?: RetryPolicy; timeoutMs?: number; baseUrl?: string } = {}) {
  const created = createSlackClient({
    baseUrl: emulator.url,
    retryPolicy: rapidRetryPolicy,
    timeoutMs: 2_000,
    ...options,
  });
  clients.push(created);
  return created;
}

function fault(method: string, kind: FaultKind, rate = 1): void {
  emulator.configure({ faults: [{ method, kind, rate }] });
}

async function rejection(promise: Promise<unknown>): Promise<SlackError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SlackError))
    throw new Error(`expected a SlackError, got ${String(error)}`);
  expect(`${error.message} ${String(error.cause)} ${JSON.stringify(error)}`).not.toContain(alice);
  return error;
}

const readInfo = (slack: SlackClient) =>
  slack.call('conversations.info', { channel: general }, new SlackToken(alice));
const writeTopic = (slack: SlackClient) =>
  slack.call(
    'conversations.setTopic',
    { channel: general, topic: 'retries' },
    new SlackToken(alice),
  );

beforeAll(async () => {
  emulator = await startTestEmulator();
});

beforeEach(() => {
  emulator.configure({ faults: [], rateLimits: false, rateWindowMs: 60_000, seed: 1 });
  emulator.resetStats();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()));
});

afterAll(async () => {
  await emulator?.close();
});

describe('createSlackClient against the emulator', () => {
  it('resolves with the ok:true body', async () => {
    const body = await client().call<SlackAuthTestResponse>('auth.test', {}, new SlackToken(alice));
    expect(body).toMatchObject({ ok: true, user_id: SCENARIO_IDS.users.alice });
  });

  it('sends booleans as true/false and drops undefined arguments', async () => {
    const body = await client().call<{ ok: true; channel: { num_members?: number } }>(
      'conversations.info',
      { channel: general, include_num_members: true, include_locale: undefined },
      new SlackToken(alice),
    );
    expect(typeof body.channel.num_members).toBe('number');
  });

  it('turns ok:false into a SlackPlatformError with Slack’s code, without retrying', async () => {
    const slack = client();
    const error = await rejection(
      slack.call('conversations.info', { channel: 'C0NOPE' }, new SlackToken(alice)),
    );
    expect(error).toBeInstanceOf(SlackPlatformError);
    expect((error as SlackPlatformError).error).toBe('channel_not_found');
    expect(error.method).toBe('conversations.info');
    expect(emulator.stats().calls['conversations.info']).toBe(1);
  });

  it('never puts a rejected token in the error', async () => {
    const token = 'xoxp-very-secret-token';
    const error = await client()
      .call('auth.test', {}, new SlackToken(token))
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SlackPlatformError);
    expect((error as SlackPlatformError).error).toBe('invalid_auth');
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(token);
  });

  it('waits for Retry-After on a 429 and then succeeds', async () => {
    emulator.configure({ rateLimits: true, rateWindowMs: 1_000 });
    const slack = client();
    const history = () =>
      slack.call(
        'conversations.history',
        { channel: general },
        new SlackToken(SCENARIO_TOKENS.unlisted),
      );
    await history();
    await expect(history()).resolves.toMatchObject({ ok: true });
    expect(emulator.stats().calls['conversations.history']).toBeGreaterThanOrEqual(3);
  });

  it('gives up with SlackRateLimitedError when Retry-After exceeds the wait budget', async () => {
    fault('conversations.info', 'ratelimited');
    const error = await rejection(
      readInfo(client({ retryPolicy: { ...rapidRetryPolicy, maxTotalWaitMs: 0 } })),
    );
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect((error as SlackRateLimitedError).retryAfter).toBe(1);
    expect(emulator.stats().calls['conversations.info']).toBe(1);
  });

  it('retries a write after a 429, since Slack did not process it, within the attempt bound', async () => {
    fault('conversations.setTopic', 'ratelimited');
    const slack = client({ retryPolicy: { ...rapidRetryPolicy, maxRetries: 1 } });
    const error = await rejection(writeTopic(slack));
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect(emulator.stats().calls['conversations.setTopic']).toBe(2);
  });

  const transient: Array<[FaultKind, typeof SlackHttpError | typeof SlackRequestError]> = [
    ['http_500', SlackHttpError],
    ['reset', SlackRequestError],
    ['timeout', SlackRequestError],
    ['malformed_json', SlackHttpError],
  ];

  for (const [kind, errorClass] of transient) {
    it(`retries a read on ${kind} up to the retry bound, then throws ${errorClass.name}`, async () => {
      fault('conversations.info', kind);
      const error = await rejection(readInfo(client({ timeoutMs: 200 })));
      expect(error).toBeInstanceOf(errorClass);
      expect(emulator.stats().calls['conversations.info']).toBe(1 + rapidRetryPolicy.maxRetries);
    });

    it(`never retries a write on ${kind}`, async () => {
      fault('conversations.setTopic', kind);
      const error = await rejection(writeTopic(client({ timeoutMs: 200 })));
      expect(error).toBeInstanceOf(errorClass);
      expect(emulator.stats().calls['conversations.setTopic']).toBe(1);
    });
  }

  it('reports a timeout as a SlackRequestError with code ETIMEDOUT', async () => {
    fault('conversations.setTopic', 'timeout');
    const error = await rejection(writeTopic(client({ timeoutMs: 100 })));
    expect(error.message).toBe(
      `conversations.setTopic request to ${emulator.url} failed: ETIMEDOUT`,
    );
  });

  it('recovers from a transient failure on a read', async () => {
    // Pick the seed whose first fault draw fails and second passes, so the outcome is fixed.
    const seed = findSeed((first, second) => first < 0.5 && second >= 0.5);
    emulator.configure({
      faults: [{ method: 'conversations.info', kind: 'http_500', rate: 0.5 }],
      seed,
    });
    await expect(readInfo(client())).resolves.toMatchObject({ ok: true });
    expect(emulator.stats().calls['conversations.info']).toBe(2);
  });

  it('does not retry an unexpected 4xx status', async () => {
    const slack = client({ baseUrl: `${emulator.origin}/not-the-api/` });
    const error = await rejection(slack.call('auth.test', {}, new SlackToken(alice)));
    expect(error).toBeInstanceOf(SlackHttpError);
    expect((error as SlackHttpError).statusCode).toBe(404);
  });

  it('reports a refused connection as a SlackRequestError naming the URL, without credentials', async () => {
    const port = await closedPort();
    const slack = client({ baseUrl: `http://user:secret@127.0.0.1:${port}/api/?x=1` });
    const error = await rejection(slack.call('auth.test', {}, new SlackToken(alice)));
    expect(error).toBeInstanceOf(SlackRequestError);
    expect(error.message).toBe(
      `auth.test request to http://127.0.0.1:${port}/api/ failed: ECONNREFUSED`,
    );
    expect((error as SlackRequestError).reason).toBe('ECONNREFUSED');
  });

  it('rejects calls once closed', async () => {
    const slack = client();
    await slack.close();
    const error = await rejection(slack.call('auth.test', {}, new SlackToken(alice)));
    expect(error).toBeInstanceOf(SlackRequestError);
    expect(emulator.stats().total).toBe(0);
  });

  it('refuses a method name that could change the URL path', async () => {
    // @ts-expect-error the compiler refuses it too; the client checks names from untyped callers
    await expect(client().call('../_emulator/stats', {}, alice)).rejects.toThrow(TypeError);
  });
});

describe('createSlackClient on the wire', () => {
  interface Seen {
    method: string | undefined;
    url: string | undefined;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, headers: request.headers, body });
      // Answer on a later turn so that concurrent calls overlap.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        // Enough of Slack's shape for conversations.list and auth.test (src/slack/response-shape.ts).
        response.end('{"ok":true,"channels":[],"user_id":"U1","team_id":"T1"}');
      }, 5);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  let baseUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('POSTs a form body to <base>/<method> with a Bearer header, like the official SDKs', async () => {
    const slack = createSlackClient({ baseUrl });
    await slack.call(
      'conversations.list',
      { limit: 2, exclude_archived: true, cursor: undefined },
      new SlackToken('xoxb-wire'),
    );
    await slack.close();
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/conversations.list',
      headers: {
        authorization: 'Bearer xoxb-wire',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'limit=2&exclude_archived=true',
    });
  });

  it('shares at most maxConnections keep-alive connections between concurrent calls', async () => {
    connections = 0;
    const slack = createSlackClient({ baseUrl, maxConnections: 2 });
    await Promise.all(
      Array.from({ length: 12 }, () => slack.call('auth.test', {}, new SlackToken('xoxb-wire'))),
    );
    await slack.call('auth.test', {}, new SlackToken('xoxb-wire'));
    await slack.close();
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(2);
  });
});

describe('createSlackClient cancelled by its caller', () => {
  it('cuts a call in flight when the signal aborts, and gives its slot back', async () => {
    const arrivals: (() => void)[] = [];
    const arrival = (index: number) =>
      new Promise<void>((resolve) => {
        arrivals[index] = resolve;
      });
    const first = arrival(0);
    const second = arrival(1);
    let count = 0;
    // Never answers: only the caller's cancellation ends a call.
    const server = createServer((request) => {
      request.resume();
      arrivals[count++]?.();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const governor = createGovernor({
      limits: () => ({ calls: 1, windowMs: 1 }),
      workspaces: { resolve: () => Promise.reject(new Error('auth.test has its own bucket')) },
    });
    const slack = createSlackClient({ baseUrl, governor, timeoutMs: 60_000 });
    const token = new SlackToken('xoxb-cancelled');
    try {
      const cancel = new AbortController();
      const call = slack.call('auth.test', {}, token, { signal: cancel.signal });
      await first;
      cancel.abort();
      const error = await rejection(call);
      expect(error).toBeInstanceOf(SlackCallCancelledError);
      expect((error as SlackCallCancelledError).sent).toBe(true);
      // Its slot is free again: the next call of the one-call budget reaches the server.
      const later = new AbortController();
      const again = slack.call('auth.test', {}, token, { signal: later.signal });
      await second;
      later.abort();
      expect(await rejection(again)).toBeInstanceOf(SlackCallCancelledError);
    } finally {
      await slack.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('createSlackClient with a governor', () => {
  it('gives the slot back when the status is in, not after the body has been read', async () => {
    // One call per (tiny) window: the second auth.test may only be sent once the first one's
    // permit is settled. The server sends the first answer's status and half its body, and keeps
    // the rest back until the second call arrives (or, as a way out if it never does, 10 s).
    const events: string[] = [];
    let holdFirst: (() => void) | undefined;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        if (holdFirst === undefined) {
          events.push('first call');
          response.write('{"ok":true,');
          const finish = (): void => {
            clearTimeout(wayOut);
            holdFirst = () => {};
            events.push('first body ends');
            response.end('"user_id":"U1","team_id":"T1"}');
          };
          const wayOut = setTimeout(finish, 10_000);
          holdFirst = finish;
          return;
        }
        events.push('second call');
        holdFirst();
        response.end('{"ok":true,"user_id":"U1","team_id":"T1"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const governor = createGovernor({
      limits: () => ({ calls: 1, windowMs: 1 }),
      workspaces: { resolve: () => Promise.reject(new Error('auth.test has its own bucket')) },
    });
    const slack = createSlackClient({ baseUrl, governor });
    try {
      const token = new SlackToken('xoxb-governed');
      await Promise.all([slack.call('auth.test', {}, token), slack.call('auth.test', {}, token)]);
    } finally {
      await slack.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(events).toEqual(['first call', 'second call', 'first body ends']);
  });
});

function findSeed(accept: (first: number, second: number) => boolean): number {
  for (let seed = 1; ; seed++) {
    const random = new SeededRandom(seed);
    if (accept(random.next(), random.next())) return seed;
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
