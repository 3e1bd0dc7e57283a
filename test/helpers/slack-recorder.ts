import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP proxy in front of a Slack backend that counts the calls of each token. */
export interface SlackRecorder {
  /** Starts forwarding to the `…/api/` base URL `target`; returns the recorder's own base URL. */
  forwardTo(target: string): string;
  /** Calls so far per token (`Authorization: Bearer <token>`; `''` for none), per method. */
  callsByToken(): Map<string, Record<string, number>>;
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1; `forwardTo` it before sending calls through it. */
export async function startSlackRecorder(): Promise<SlackRecorder> {
  let target: URL | undefined;
  const calls = new Map<string, Record<string, number>>();
  const server = createServer((incoming, outgoing) => {
    if (target === undefined) {
      outgoing.writeHead(502).end();
      return;
    }
    const token = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1] ?? '';
    const method = incoming.url?.split('?')[0]?.split('/').pop() ?? '';
    const counts = calls.get(token) ?? {};
    counts[method] = (counts[method] ?? 0) + 1;
    calls.set(token, counts);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: `${target.pathname}${method}`,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    forwardTo(url) {
      target = new URL(url);
      return `http://127.0.0.1:${port}/api/`;
    },
    callsByToken: () => new Map([...calls].map(([token, counts]) => [token, { ...counts }])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
