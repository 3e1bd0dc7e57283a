import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/** Issue 13, items 7 and 8: framing GraphiQL, slow request bodies. */

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ gatewayConfig: { server: { requestTimeoutMs: 500 } } });
});
afterAll(() => gw.close());

describe('GraphiQL', () => {
  it('cannot be framed (clickjacking)', async () => {
    const response = await fetch(`${gw.url}?query=${encodeURIComponent('mutation { x }')}`, {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    await response.body?.cancel();
  });
});

describe('a slow request body', () => {
  it('is cut with 408 once the request timeout passes, instead of holding the socket', async () => {
    const { port } = new URL(gw.url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":',
    );
    // Nothing more is sent: the server must close the socket itself.
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(gw.emulatorCalls().total).toBe(0);
  });
});
