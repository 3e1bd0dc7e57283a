import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { EmulatorConfig } from '../emulator-config.js';
import type { WorkspaceState } from '../state/store.js';
import type { EventCallback } from './envelope.js';
import type { SocketTransport } from './event-delivery.js';
import type { AttemptOutcome } from './http-delivery.js';

/** What Socket Mode reads from the running emulator (satisfied by EmulatorRuntime). */
export interface SocketModeContext {
  readonly config: EmulatorConfig;
  readonly state: WorkspaceState;
}

/** The path of the URLs `apps.connections.open` hands out, as Slack's `wss://…/link/?ticket=…`. */
export const SOCKET_PATH = '/link/';

/** A ticket is good for one connection, within this long (Slack's URLs are short-lived too). */
const TICKET_TTL_MS = 60_000;

/** How often the emulator pings each connection, as Slack's servers do. */
const PING_INTERVAL_MS = 10_000;

interface PendingAck {
  resolve(outcome: AttemptOutcome): void;
  timer: NodeJS.Timeout;
  socket: WebSocket;
}

/**
 * Slack's Socket Mode on the emulator's own port: `apps.connections.open` mints a one-time
 * `ws://HOST:PORT/link/?ticket=…&app_id=…` URL; a connection is greeted with `hello`; events go
 * out as `events_api` envelopes and must be acked (`{ envelope_id }`) within the delivery timeout,
 * or they are redelivered with `retry_attempt` and `retry_reason: "timeout"`; a connection gets
 * `disconnect` reason `warning` and then `refresh_requested` when it has lived `socketRefreshMs`.
 */
export class SocketModeHub implements SocketTransport {
  // Clients only send acks: a small frame limit keeps a connected client from costing memory.
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly tickets = new Map<string, number>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, PendingAck>();
  private readonly envelopeIds = new WeakMap<EventCallback, string>();
  private next = 0;
  private origin = 'ws://127.0.0.1';

  /** @param onAck counts each ack received */
  constructor(
    private readonly context: SocketModeContext,
    private readonly onAck: () => void,
  ) {}

  /** The `ws://host:port` the URLs point at, once the HTTP server listens. */
  setOrigin(origin: string): void {
    this.origin = origin;
  }

  /** A fresh one-time connection URL (what `apps.connections.open` answers). */
  openUrl(): string {
    const ticket = randomUUID();
    const now = Date.now();
    for (const [old, expires] of this.tickets) if (expires < now) this.tickets.delete(old);
    this.tickets.set(ticket, now + TICKET_TTL_MS);
    return `${this.origin}${SOCKET_PATH}?ticket=${ticket}&app_id=${this.context.state.app.id}`;
  }

  /** Takes an HTTP upgrade request for `/link/`; an unknown or used ticket is refused with 401. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'ws://emulator');
    const ticket = url.searchParams.get('ticket') ?? '';
    const expires = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (url.pathname !== SOCKET_PATH || expires === undefined || expires < Date.now()) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  hasConnections(): boolean {
    return this.sockets.size > 0;
  }

  send(
    callback: EventCallback,
    retry: { attempt: number; reason: string },
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const sockets = [...this.sockets];
    const socket = sockets[this.next++ % sockets.length];
    if (socket === undefined) {
      return Promise.resolve({ ok: false, reason: 'connection_failed', noRetry: false });
    }
    let envelopeId = this.envelopeIds.get(callback);
    if (envelopeId === undefined) {
      envelopeId = randomUUID();
      this.envelopeIds.set(callback, envelopeId);
    }
    const id = envelopeId;
    return new Promise<AttemptOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, reason: 'timeout', noRetry: false });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, socket });
      socket.send(
        JSON.stringify({
          envelope_id: id,
          payload: callback,
          type: 'events_api',
          accepts_response_payload: false,
          retry_attempt: retry.attempt,
          retry_reason: retry.reason,
        }),
      );
    });
  }

  /** Closes every connection and forgets every ticket and pending ack. */
  close(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
    }
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    this.tickets.clear();
    this.server.close();
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    const { config, state } = this.context;
    const debugInfo = { host: 'emulator', build_number: 1 };
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: {
          ...debugInfo,
          approximate_connection_time: Math.round(config.socketRefreshMs / 1000),
        },
        connection_info: { app_id: state.app.id },
      }),
    );
    const timers = [
      setInterval(() => ws.ping(), PING_INTERVAL_MS),
      setTimeout(
        () =>
          ws.send(JSON.stringify({ type: 'disconnect', reason: 'warning', debug_info: debugInfo })),
        Math.max(0, config.socketRefreshMs - config.socketRefreshWarningMs),
      ),
      setTimeout(() => {
        ws.send(
          JSON.stringify({
            type: 'disconnect',
            reason: 'refresh_requested',
            debug_info: debugInfo,
          }),
        );
        // Stop routing events here; the client reconnects on a new URL.
        this.sockets.delete(ws);
      }, config.socketRefreshMs),
    ];
    for (const timer of timers) timer.unref();
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.acknowledge(String(data));
    });
    ws.on('close', () => {
      for (const timer of timers) clearTimeout(timer);
      this.sockets.delete(ws);
      this.failPendingOn(ws);
    });
    ws.on('error', () => ws.terminate());
  }

  /** An ack is `{ "envelope_id": "…", "payload"?: {…} }`; anything else is ignored. */
  private acknowledge(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const id = (message as { envelope_id?: unknown } | null)?.envelope_id;
    if (typeof id !== 'string') return;
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    this.onAck();
    pending.resolve({ ok: true, body: '' });
  }

  /** Envelopes sent on a connection that closed are redelivered (the retry schedule applies). */
  private failPendingOn(ws: WebSocket): void {
    for (const [id, pending] of this.pending) {
      if (pending.socket !== ws) continue;
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, reason: 'timeout', noRetry: false });
    }
  }
}
