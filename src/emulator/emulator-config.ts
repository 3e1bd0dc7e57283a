/** The ways a request can be made to fail on purpose (see `faults`). */
export type FaultKind = 'http_500' | 'reset' | 'timeout' | 'malformed_json' | 'ratelimited';

export const FAULT_KINDS: readonly FaultKind[] = [
  'http_500',
  'reset',
  'timeout',
  'malformed_json',
  'ratelimited',
];

/** Injects `kind` into a `rate` fraction (0..1) of the calls to `method` (`'*'`: every method). */
export interface FaultRule {
  method: string;
  kind: FaultKind;
  rate: number;
}

/** Runtime behaviour of the emulator; every field can be changed while it runs. */
export interface EmulatorConfig {
  /** Enforce Slack's per-(team, method) tier limits with HTTP 429 + Retry-After. */
  rateLimits: boolean;
  /** Length of the sliding rate-limit window (Slack's is one minute). */
  rateWindowMs: number;
  /** Fixed delay before every /api/ answer. */
  latencyMs: number;
  /** Uniform random extra delay in `[0, jitterMs)` on top of `latencyMs`. */
  jitterMs: number;
  faults: FaultRule[];
  /** Seed of the PRNG behind faults and jitter: the same calls give the same faults. */
  seed: number;
  /**
   * Accept a `token` in the query string, as Slack still does for apps created before
   * 2021-02-24. Off by default: for newer apps Slack ignores such tokens.
   */
  legacyQueryTokens: boolean;
  /**
   * The app's Events API Request URL (`--events-url`), or `null` for none. Setting it sends
   * Slack's `url_verification` challenge first; events go there once it is answered.
   */
  eventsUrl: string | null;
  /** How long a delivery may take to be answered 2xx (or acked over Socket Mode): Slack's 3 s. */
  eventTimeoutMs: number;
  /** Delay before each retry of a failed delivery: Slack's immediately, 1 min, 5 min. */
  eventRetryDelaysMs: number[];
  /**
   * Age of a Socket Mode connection at which the emulator sends `disconnect` (reason `warning`,
   * then `refresh_requested` `socketRefreshWarningMs` later); Slack refreshes every few hours.
   */
  socketRefreshMs: number;
  /** Time between the `warning` and the `refresh_requested` disconnect messages. */
  socketRefreshWarningMs: number;
}

export const DEFAULT_CONFIG: Readonly<EmulatorConfig> = Object.freeze({
  rateLimits: false,
  rateWindowMs: 60_000,
  latencyMs: 0,
  jitterMs: 0,
  faults: [],
  seed: 1,
  legacyQueryTokens: false,
  eventsUrl: null,
  eventTimeoutMs: 3_000,
  eventRetryDelaysMs: [0, 60_000, 300_000],
  socketRefreshMs: 4 * 60 * 60_000,
  socketRefreshWarningMs: 10_000,
});

/** A config patch that could not be applied; the message says which field and why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates `patch` (parsed JSON or CLI/programmatic input) and returns `base` with it applied.
 * Unknown fields and wrong types are rejected, so a typo never silently does nothing.
 * @throws ConfigError naming every bad field.
 */
export function mergeConfig(base: EmulatorConfig, patch: unknown): EmulatorConfig {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new ConfigError('config must be a JSON object');
  }
  const next: EmulatorConfig = {
    ...base,
    faults: [...base.faults],
    eventRetryDelaysMs: [...base.eventRetryDelaysMs],
  };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'rateLimits':
      case 'legacyQueryTokens':
        if (typeof value === 'boolean') next[key] = value;
        else problems.push(`${key} must be a boolean`);
        break;
      case 'rateWindowMs':
        if (isInteger(value) && value >= 1) next[key] = value;
        else problems.push(`${key} must be an integer >= 1`);
        break;
      case 'latencyMs':
      case 'jitterMs':
        if (isInteger(value) && value >= 0) next[key] = value;
        else problems.push(`${key} must be an integer >= 0`);
        break;
      case 'seed':
        if (isInteger(value)) next[key] = value;
        else problems.push('seed must be an integer');
        break;
      case 'faults':
        next.faults = parseFaults(value, problems);
        break;
      case 'eventsUrl':
        if (value === null || isHttpUrl(value)) next.eventsUrl = value;
        else problems.push('eventsUrl must be an http(s) URL or null');
        break;
      case 'eventTimeoutMs':
      case 'socketRefreshMs':
      case 'socketRefreshWarningMs':
        if (isInteger(value) && value >= 1) next[key] = value;
        else problems.push(`${key} must be an integer >= 1`);
        break;
      case 'eventRetryDelaysMs':
        if (Array.isArray(value) && value.every((delay) => isInteger(delay) && delay >= 0)) {
          next.eventRetryDelaysMs = [...value];
        } else {
          problems.push('eventRetryDelaysMs must be an array of integers >= 0');
        }
        break;
      default:
        problems.push(`unknown config field: ${key}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return next;
}

function parseFaults(value: unknown, problems: string[]): FaultRule[] {
  if (!Array.isArray(value)) {
    problems.push('faults must be an array');
    return [];
  }
  const rules: FaultRule[] = [];
  value.forEach((entry: unknown, index) => {
    const rule =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const { method, kind, rate } = rule;
    const where = `faults[${index}]`;
    if (typeof method !== 'string' || method === '') {
      problems.push(`${where}.method must be a method name or '*'`);
    } else if (!FAULT_KINDS.includes(kind as FaultKind)) {
      problems.push(`${where}.kind must be one of ${FAULT_KINDS.join(', ')}`);
    } else if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      problems.push(`${where}.rate must be a number from 0 to 1`);
    } else {
      rules.push({ method, kind: kind as FaultKind, rate });
    }
  });
  return rules;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
