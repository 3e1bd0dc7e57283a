import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenOptions {
  /** 0 lets the OS pick a free port. */
  port: number;
  host: string;
  /**
   * Time a client has to send a whole request (headers and body); a slow body is then answered
   * 408 and its socket closed, so slow clients cannot hold sockets open. Headers get at most
   * 10 s of it. @default 30_000
   */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** `http://<host>:<port>` as a client would reach it (a wildcard host shows as 127.0.0.1). */
  readonly origin: string;
  /** The node:http server, for protocols served on its upgrades (WebSocket). */
  readonly httpServer: Server;
  /**
   * Stops accepting connections, closes idle keep-alive sockets, lets in-flight requests finish
   * for up to `graceMs`, then cuts the rest.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Serves `handler` (the yoga instance) over node:http. Knows nothing about GraphQL.
 * @see https://nodejs.org/api/http.html#servercloseallconnections
 */
export async function startServer(
  handler: RequestListener,
  { port, host, requestTimeoutMs = 30_000 }: ListenOptions,
): Promise<RunningServer> {
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      // How often node checks the two timeouts above (its default is 30 s).
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
    },
    handler,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    port: address.port,
    origin: `http://${displayHost(address.address)}:${address.port}`,
    httpServer: server,
    close(graceMs = 5_000) {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function displayHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}
