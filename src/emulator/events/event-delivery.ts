import type { EmulatorConfig } from '../emulator-config.js';
import type { WorkspaceState } from '../state/store.js';
import { authorizationFor } from './authorization.js';
import { type EventDeliveryStats, emptyDeliveryStats } from './delivery-stats.js';
import type { EmittedEvent } from './emitted-event.js';
import { buildEventCallback, buildUrlVerification, type EventCallback } from './envelope.js';
import { type AttemptOutcome, HttpPoster } from './http-delivery.js';

/** What delivery reads from the running emulator (satisfied by EmulatorRuntime). */
export interface DeliveryContext {
  readonly config: EmulatorConfig;
  readonly state: WorkspaceState;
}

/** Socket Mode as delivery sees it (see SocketModeHub). */
export interface SocketTransport {
  hasConnections(): boolean;
  /** Sends one envelope and resolves once it is acked, or fails after `timeoutMs`. */
  send(
    callback: EventCallback,
    retry: { attempt: number; reason: string },
    timeoutMs: number,
  ): Promise<AttemptOutcome>;
}

/** Listens to every envelope the app is sent (in-process subscribers, e.g. tests). */
export type EnvelopeListener = (callback: EventCallback) => void;

/** Request URL verification: until it passes, events wait; if it fails, they are dropped. */
type UrlState =
  | { kind: 'none' }
  | { kind: 'verifying'; url: string; waiting: EventCallback[] }
  | { kind: 'verified'; url: string }
  | { kind: 'failed'; url: string };

/** Events raised while a Request URL is being verified wait, up to this many. */
const MAX_WAITING = 10_000;

/**
 * The emulator's event bus and delivery service. Every event a change raises arrives here
 * synchronously; the bus picks the authorization it is delivered under (or drops it when the
 * app's installation cannot see it), wraps it in the `event_callback` envelope, tells in-process
 * listeners, and delivers it: over Socket Mode while a connection is open, else to the verified
 * Request URL, retrying failures on Slack's schedule with the same `event_id`.
 */
export class EventDelivery {
  readonly stats: EventDeliveryStats = emptyDeliveryStats();
  private readonly poster = new HttpPoster();
  private readonly listeners = new Set<EnvelopeListener>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private urlState: UrlState = { kind: 'none' };
  private socket: SocketTransport | undefined;
  private closed = false;

  constructor(private readonly context: DeliveryContext) {}

  /** Routes events to Socket Mode while it has a connection. */
  attachSocketMode(socket: SocketTransport): void {
    this.socket = socket;
  }

  /** @returns a function that removes the listener */
  subscribe(listener: EnvelopeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(emitted: EmittedEvent): void {
    if (this.closed) return;
    const { state } = this.context;
    const authorization = authorizationFor(state, emitted);
    if (authorization === undefined) {
      this.stats.invisible += 1;
      return;
    }
    this.stats.emitted += 1;
    const callback = buildEventCallback(state, emitted, authorization);
    for (const listener of this.listeners) listener(callback);
    this.route(callback);
  }

  /**
   * Applies the config's `eventsUrl`: a new URL is verified with Slack's `url_verification`
   * handshake before any event goes there. Setting the same URL again re-verifies it.
   * @returns whether the URL passed (`undefined` when no URL is set)
   */
  configureEventsUrl(): Promise<boolean | undefined> {
    const url = this.context.config.eventsUrl;
    if (url === null) {
      this.dropWaiting();
      this.urlState = { kind: 'none' };
      return Promise.resolve(undefined);
    }
    const waiting = this.urlState.kind === 'verifying' ? this.urlState.waiting : [];
    return this.startVerification(url, waiting);
  }

  private async startVerification(url: string, waiting: EventCallback[]): Promise<boolean> {
    const verifying: UrlState = { kind: 'verifying', url, waiting };
    this.urlState = verifying;
    const passed = await this.verify(url);
    if (this.urlState !== verifying) return passed; // superseded by a newer URL
    if (passed) {
      this.stats.verifications.passed += 1;
      this.urlState = { kind: 'verified', url };
      for (const callback of waiting) this.deliverHttp(callback, url);
    } else {
      this.stats.verifications.failed += 1;
      this.urlState = { kind: 'failed', url };
      this.stats.undeliverable += waiting.length;
    }
    return passed;
  }

  /** Stops every retry and request in flight; later events are ignored. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.poster.close();
  }

  resetStats(): void {
    Object.assign(this.stats, emptyDeliveryStats());
  }

  private route(callback: EventCallback): void {
    if (this.socket?.hasConnections()) {
      this.deliverSocket(callback);
      return;
    }
    const url = this.urlState;
    if (url.kind === 'verified') this.deliverHttp(callback, url.url);
    else if (url.kind === 'verifying' && url.waiting.length < MAX_WAITING)
      url.waiting.push(callback);
    // As Slack's "Retry" button would: a failed URL is verified again when the next event comes.
    else if (url.kind === 'failed') void this.startVerification(url.url, [callback]);
    else this.stats.undeliverable += 1;
  }

  private async verify(url: string): Promise<boolean> {
    const { state, config } = this.context;
    const handshake = buildUrlVerification(state.app.verification_token);
    const outcome = await this.poster.post({
      url,
      body: JSON.stringify(handshake),
      signingSecret: state.app.signing_secret,
      timestamp: state.nowSeconds(),
      timeoutMs: config.eventTimeoutMs,
    });
    return outcome.ok && answersChallenge(outcome.body, handshake.challenge);
  }

  private deliverHttp(callback: EventCallback, url: string): void {
    const body = JSON.stringify(callback);
    // The secret is read per attempt: a replaced workspace signs with its own app's secret.
    this.withRetries((num, reason) =>
      this.poster.post({
        url,
        body,
        signingSecret: this.context.state.app.signing_secret,
        timestamp: this.context.state.nowSeconds(),
        timeoutMs: this.context.config.eventTimeoutMs,
        retry: num === 0 ? undefined : { num, reason },
      }),
    );
  }

  private deliverSocket(callback: EventCallback): void {
    this.withRetries(async (attempt, reason) => {
      const socket = this.socket;
      if (socket === undefined || !socket.hasConnections()) {
        return { ok: false, reason: 'connection_failed', noRetry: false };
      }
      return socket.send(callback, { attempt, reason }, this.context.config.eventTimeoutMs);
    });
  }

  /** Runs attempt 0, then a retry after each failure, on the configured schedule. */
  private withRetries(attempt: (num: number, reason: string) => Promise<AttemptOutcome>): void {
    const run = (num: number, reason: string): void => {
      this.stats.attempts += 1;
      if (num > 0) this.stats.retries += 1;
      void attempt(num, reason).then((outcome) => {
        if (outcome.ok) {
          this.stats.delivered += 1;
          return;
        }
        const delay = this.context.config.eventRetryDelaysMs[num];
        if (this.closed || outcome.noRetry || delay === undefined) {
          this.stats.failed += 1;
          return;
        }
        this.later(delay, () => run(num + 1, outcome.reason));
      });
    };
    run(0, '');
  }

  private later(delayMs: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) task();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private dropWaiting(): void {
    if (this.urlState.kind === 'verifying')
      this.stats.undeliverable += this.urlState.waiting.length;
  }
}

/**
 * Slack accepts the challenge back as plain text, as a form (`challenge=…`) or as JSON
 * (`{"challenge":"…"}`).
 */
function answersChallenge(body: string, challenge: string): boolean {
  const text = body.trim();
  if (text === challenge) return true;
  if (new URLSearchParams(text).get('challenge') === challenge) return true;
  try {
    const parsed: unknown = JSON.parse(text);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { challenge?: unknown }).challenge === challenge
    );
  } catch {
    return false;
  }
}
