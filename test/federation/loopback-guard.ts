import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost']);

/** Whether a host name or address that a socket went to is this machine's loopback. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

export interface OutboundWatch {
  /** Every host name looked up and every address connected to since `watchOutbound()`. */
  destinations(): string[];
  /** Those that are not loopback. */
  offLoopback(): string[];
  stop(): void;
}

/**
 * Records where every TCP client socket of this process goes (node:http, undici and fetch all
 * create theirs through `net.connect`, which reports on the `net.client.socket` channel): host
 * names as they are looked up, addresses as they are dialled, so a call that fails still shows.
 * @see https://nodejs.org/api/diagnostics_channel.html#net
 */
export function watchOutbound(): OutboundWatch {
  const seen: string[] = [];
  const onSocket = (message: unknown): void => {
    const { socket } = message as { socket: Socket };
    socket.on('lookup', (_error: Error | null, _address: string, _family: unknown, host: string) =>
      seen.push(host),
    );
    socket.on('connectionAttempt', (ip: string) => seen.push(ip));
  };
  subscribe('net.client.socket', onSocket);
  return {
    destinations: () => [...seen],
    offLoopback: () => seen.filter((host) => !isLoopback(host)),
    stop: () => unsubscribe('net.client.socket', onSocket),
  };
}
