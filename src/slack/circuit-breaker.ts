import { SlackRequestError } from './errors.js';

export interface CircuitBreakerOptions {
  /**
   * Consecutive failed attempts (connection errors, timeouts, 5xx, unreadable bodies) that open
   * the circuit. Slack's own answers, `ok: false` and 429 included, prove the host alive.
   * @default 10
   */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before it lets one probe through. @default 10_000 */
  cooldownMs?: number;
  /** Clock in milliseconds. @default Date.now */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** The circuit is open: the call was refused without contacting Slack. */
export class SlackCircuitOpenError extends SlackRequestError {
  constructor(method: string, backendUrl?: string) {
    super(method, 'circuit_open', backendUrl);
  }
}

/**
 * A circuit breaker for one Slack host. Closed: every attempt goes through and failures in a row
 * are counted. Open (after `failureThreshold` of them): attempts fail at once with
 * `SlackCircuitOpenError` (UPSTREAM_UNAVAILABLE) for `cooldownMs`, so a dead upstream does not
 * pile up requests that would each wait for their timeouts and retries. Half-open: one probe
 * attempt goes through while the others still fail fast; its success closes the circuit, its
 * failure opens it for another cooldown.
 * @see https://martinfowler.com/bliki/CircuitBreaker.html
 */
export interface CircuitBreaker {
  /** Admits one attempt or throws `SlackCircuitOpenError`. Every admitted attempt must be `settle`d. */
  admit(method: string): void;
  /** The outcome of an admitted attempt: `true` when the host answered as Slack does. */
  settle(healthy: boolean): void;
  state(): CircuitState;
}

export function createCircuitBreaker({
  failureThreshold = 10,
  cooldownMs = 10_000,
  now = Date.now,
}: CircuitBreakerOptions = {}): CircuitBreaker {
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  };

  return {
    admit(method) {
      const current = state();
      if (current === 'closed') return;
      if (current === 'half-open' && !probing) {
        probing = true;
        return;
      }
      throw new SlackCircuitOpenError(method);
    },
    settle(healthy) {
      if (healthy) {
        failures = 0;
        openedAt = undefined;
        probing = false;
        return;
      }
      failures += 1;
      if (probing || failures >= failureThreshold) {
        openedAt = now();
        probing = false;
      }
    },
    state,
  };
}
