/**
 * The gateway's configuration: the ONLY module that reads `process.env` (biome.json turns
 * `style/noProcessEnv` on everywhere else in src/). Every other module receives the frozen
 * `Config` as a parameter.
 *
 * `parseConfig` is pure: it collects every problem and throws one `ConfigError` naming them all,
 * so a bad start reports everything at once.
 * @see https://github.com/kamilkisiela/graphql-hive/blob/main/packages/services/server/src/environment.ts
 */

import { type CacheTtls, parseCacheTtls } from './cache/cache-policy.js';
import type { SlackCostExposure } from './operation-cost/slack-cost-plugin.js';
import { parseSharedState, type SharedStateConfig } from './shared-state/shared-state-config.js';
import { parseRateOverrides } from './slack/governor/rate-table.js';

/** yoga's log levels plus `silent`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** `allow`: persisted and arbitrary documents; `only`: persisted documents only. */
export type PersistedOperationsMode = 'allow' | 'only';

/**
 * Origins allowed by default in embedded-emulator (demo) mode: the usual local dev servers (Vite,
 * Create React App/Next.js, webpack). Demo data is fake, so letting them read it is harmless.
 */
export const DEMO_CORS_ORIGINS: readonly string[] = Object.freeze(
  [5173, 3000, 8080].flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]),
);

/** OTLP/HTTP's default traces URL (a local collector); used only when tracing is on. */
const DEFAULT_TRACES_ENDPOINT = 'http://localhost:4318/v1/traces';

/** `service.name` of the exported spans unless `OTEL_SERVICE_NAME` says otherwise. */
const DEFAULT_SERVICE_NAME = 'slack-conversations-graphql';

/** Slack's production Web API base URL. */
export const SLACK_PRODUCTION_API_URL = 'https://slack.com/api/';

/** Where and how the gateway listens. */
export interface ServerConfig {
  /** `PORT`; 0 picks a free port. */
  readonly port: number;
  /** `HOST`: the interface to listen on. */
  readonly host: string;
  /**
   * `ALLOWED_HOSTS`: host names (no port) the gateway answers to; other `Host` headers get 403
   * (DNS rebinding). `*` allows any. Unset: the loopback names when `HOST` is a loopback address;
   * required when `HOST` is another address and a default token is set; else any.
   * `undefined` means any host.
   */
  readonly allowedHosts: readonly string[] | undefined;
  /** `MAX_REQUEST_BODY_BYTES`: largest request body accepted (413 beyond). */
  readonly maxRequestBodyBytes: number;
  /** `REQUEST_TIMEOUT_MS`: time a client has to send a whole request (408 and closed after). */
  readonly requestTimeoutMs: number;
  /** `SHUTDOWN_DELAY_MS`: on SIGTERM, how long to keep serving with `/readyz` at 503 before closing the listener. */
  readonly shutdownDelayMs: number;
  /** `SHUTDOWN_GRACE_MS`: how long in-flight requests may take to finish once the listener is closed. */
  readonly shutdownGraceMs: number;
}

/** What browsers and frontends may send (src/http/cors.ts, persisted-documents.ts). */
export interface FrontendsConfig {
  /**
   * `CORS_ORIGINS`: browser origins allowed to call the gateway (with credentials and an
   * `Authorization` header); empty turns CORS off. Unset: empty, except in embedded-emulator
   * (demo) mode, where the usual local dev-server origins are allowed (`DEMO_CORS_ORIGINS`).
   */
  readonly corsOrigins: readonly string[];
  /**
   * `PERSISTED_OPERATIONS`: `only` runs nothing but the documents of the manifest (production
   * frontends); `allow` (default) also runs arbitrary documents (exploration, GraphiQL).
   */
  readonly persistedOperations: PersistedOperationsMode;
  /** `PERSISTED_OPERATIONS_MANIFEST`: path of codegen's manifest, a `{ "sha256:<hex>": "<document>" }` JSON file. */
  readonly persistedOperationsManifest: string | undefined;
}

/** The Slack backend and the client that calls it (src/slack/). */
export interface SlackConfig {
  /** `SLACK_API_URL`, always ending with `/`. In embedded-emulator mode: the production URL, unused. */
  readonly apiUrl: string;
  /** `SLACK_TOKEN` (or `SLACK_BOT_TOKEN`): used when a request brings no `Authorization` header. */
  readonly defaultToken: string | undefined;
  /**
   * True when neither `SLACK_API_URL` nor a token is set: `npm start` then runs the embedded
   * emulator with the demo workspace and uses its demo user token.
   */
  readonly embeddedEmulator: boolean;
  /** `SLACK_TIMEOUT_MS`: per attempt of a Slack call. */
  readonly timeoutMs: number;
  /** `SLACK_MAX_RETRIES`: retries after the first attempt (429s for any method; transient failures for reads). */
  readonly maxRetries: number;
  /** `SLACK_MAX_RETRY_WAIT_MS`: upper bound on the total time one call spends waiting to retry. */
  readonly maxRetryWaitMs: number;
  /** `SLACK_MAX_CONNECTIONS`: the size of the shared connection pool to Slack. */
  readonly maxConnections: number;
  /** `SLACK_CIRCUIT_FAILURES`: consecutive failed Slack attempts that open the circuit breaker. */
  readonly circuitFailures: number;
  /** `SLACK_CIRCUIT_COOLDOWN_MS`: how long an open circuit fails fast before probing Slack again. */
  readonly circuitCooldownMs: number;
  /** `SLACK_UNLISTED_APP` (`true`/`false`): Slack's 2025 rule, history and replies at 1 call per window. */
  readonly unlistedApp: boolean;
}

/** Pacing Slack calls within each (workspace, method) budget (src/slack/governor/). */
export interface GovernorConfig {
  /** `SLACK_GOVERNOR` (`on`/`off`). */
  readonly enabled: boolean;
  /** `SLACK_RATE_WINDOW_MS`: the length of a rate window (Slack's is one minute). */
  readonly windowMs: number;
  /** `SLACK_RATE_LIMITS`: `method=calls` per window, over Slack's tier defaults. */
  readonly rateLimitOverrides: Readonly<Record<string, number>>;
  /** `SLACK_RATE_MAX_WAIT_MS`: the longest a call waits for budget before failing RATE_LIMITED. */
  readonly maxWaitMs: number;
}

/** Slack answers and whole responses kept across requests (src/cache/). */
export interface CacheConfig {
  /** `SLACK_CACHE` (`on`/`off`): keep Slack read answers across requests. */
  readonly enabled: boolean;
  /**
   * `SLACK_RESPONSE_CACHE`: also keep whole query responses while the Slack answers they were
   * built from stay cached (needs `SLACK_CACHE`).
   */
  readonly responsesEnabled: boolean;
  /**
   * `SLACK_REPEAT_FAST_PATH`: answer a repeated request from the bytes the response cache sent
   * for it, before parsing (src/http/repeat-fast-path.ts; needs `SLACK_RESPONSE_CACHE`).
   */
  readonly repeatFastPathEnabled: boolean;
  /** `SLACK_CACHE_TTLS`: `type=seconds` per cache type, over the defaults; 0 turns a type off. */
  readonly ttls: CacheTtls;
  /** `SLACK_CACHE_MAX_ENTRIES`: entries the in-memory cache keeps at most. */
  readonly maxEntries: number;
  /** `SLACK_CACHE_MAX_MB`: approximate size the in-memory cache keeps at most, in MiB. */
  readonly maxBytes: number;
}

/** What one operation may do (src/operation-cost/); the first six are its `OperationLimits`. */
export interface LimitsConfig {
  /** `MAX_QUERY_DEPTH`: deepest field nesting of an operation (introspection excluded). */
  readonly maxDepth: number;
  /** `MAX_ALIASES`: aliased fields per operation, fragments expanded. */
  readonly maxAliases: number;
  /** `MAX_DIRECTIVES`: directive uses per operation, fragments expanded. */
  readonly maxDirectives: number;
  /** `MAX_FIELDS`: fields per operation, fragments expanded. */
  readonly maxFields: number;
  /** `MAX_TOKENS`: lexical tokens per GraphQL document. */
  readonly maxTokens: number;
  /** `SLACK_CALL_BUDGET`: Slack calls one operation may cause (estimated before, counted during execution). */
  readonly slackCallBudget: number;
  /**
   * `OPERATION_TIMEOUT_MS`: how long one operation may take; then its queued and in-flight Slack
   * calls are cancelled and the fields still waiting fail with `DEADLINE_EXCEEDED`.
   */
  readonly operationDeadlineMs: number;
}

/** Logs, metrics and the cost report (src/observability/, src/operation-cost/slack-cost-plugin.ts). */
export interface ObservabilityConfig {
  /** `LOG_LEVEL`. */
  readonly logLevel: LogLevel;
  /** `METRICS_PATH`: where Prometheus metrics are served (`GET`); `off` serves none. */
  readonly metricsPath: string | undefined;
  /**
   * `METRICS_TOKEN`: when set, `GET /metrics` needs `Authorization: Bearer <it>` (else 401).
   * Unset, metrics are open: bind the gateway to loopback or a private network.
   */
  readonly metricsToken: string | undefined;
  /**
   * `EXPOSE_SLACK_COST` (`on`/`off`) with `NODE_ENV`: whether responses carry
   * `extensions.slackCost` (docs/cost.md). Outside production on unless `off`; in production off
   * unless `on`, and then only for requests that send `X-Slack-Cost: 1`.
   */
  readonly slackCostExposure: SlackCostExposure;
}

/** OpenTelemetry spans (src/observability/tracing.ts). */
export interface TracingConfig {
  /**
   * `OTEL_TRACING` (`on`/`off`): export spans (one per operation, one per Slack call). Unset: on
   * when an OTLP endpoint variable is set; `OTEL_SDK_DISABLED=true` turns it off.
   */
  readonly enabled: boolean;
  /**
   * Where spans are sent (OTLP/HTTP, JSON): `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, else
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`, else `http://localhost:4318/v1/traces`.
   */
  readonly endpoint: string;
  /** `OTEL_SERVICE_NAME`: the `service.name` of the exported spans. */
  readonly serviceName: string;
}

/** Slack events in (src/events/): cache invalidation and subscriptions. */
export interface EventsConfig {
  /**
   * `SLACK_SIGNING_SECRET`: the app's signing secret; set, Slack's Events API deliveries are taken
   * at `POST /slack/events`. In embedded-emulator mode: the demo app's secret.
   */
  readonly signingSecret: string | undefined;
  /** `SLACK_APP_TOKEN` (`xapp-…`): set, events are also taken over Socket Mode. */
  readonly appToken: string | undefined;
}

/** The gateway's configuration, one group per concern; every object in it is frozen. */
export interface Config {
  readonly server: ServerConfig;
  readonly frontends: FrontendsConfig;
  readonly slack: SlackConfig;
  readonly governor: GovernorConfig;
  readonly cache: CacheConfig;
  readonly limits: LimitsConfig;
  readonly observability: ObservabilityConfig;
  readonly tracing: TracingConfig;
  readonly events: EventsConfig;
  /** `CURSOR_SECRET`: secret that seals connection cursors (at least 32 characters); random per process when unset. */
  readonly cursorSecret: string | undefined;
  /**
   * Fleet: `REDIS_URL` (and `REDIS_KEY_PREFIX`). Set, replicas share the governor's budgets and
   * the caches through Redis (src/shared-state/); `undefined`, everything stays in this process.
   */
  readonly sharedState: SharedStateConfig | undefined;
}

/** The groups of `Config`, each partly overridable. */
type ConfigGroup = Exclude<keyof Config, 'cursorSecret' | 'sharedState'>;

/** Changes to a `Config`: any group's fields, and the two ungrouped settings. */
export type ConfigOverrides = { readonly [Group in ConfigGroup]?: Partial<Config[Group]> } & {
  readonly cursorSecret?: string | undefined;
  readonly sharedState?: SharedStateConfig | undefined;
};

/** `config` with `overrides` on top, group by group (the composition root and tests use it). */
export function withOverrides(config: Config, overrides: ConfigOverrides): Config {
  return freezeConfig({
    ...config,
    ...overrides,
    server: { ...config.server, ...overrides.server },
    frontends: { ...config.frontends, ...overrides.frontends },
    slack: { ...config.slack, ...overrides.slack },
    governor: { ...config.governor, ...overrides.governor },
    cache: { ...config.cache, ...overrides.cache },
    limits: { ...config.limits, ...overrides.limits },
    observability: { ...config.observability, ...overrides.observability },
    tracing: { ...config.tracing, ...overrides.tracing },
    events: { ...config.events, ...overrides.events },
  });
}

function freezeConfig(config: Config): Config {
  for (const value of Object.values(config)) {
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  }
  return Object.freeze(config);
}

/** The configuration could not be parsed; `problems` names each bad variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses environment variables into a frozen `Config`.
 * @throws ConfigError listing every invalid variable.
 */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be on or off (true or false), got "${raw}"`);
    return fallback;
  };

  // Read one variable after the other in a fixed order, so problems are reported in that order;
  // the groups are assembled afterwards.
  const port = integer('PORT', 4000, 0, 65_535);
  const host = read('HOST') ?? '127.0.0.1';
  const logLevel = parseLogLevel(read('LOG_LEVEL'), problems);
  const rawApiUrl = read('SLACK_API_URL');
  const apiUrl =
    rawApiUrl === undefined ? SLACK_PRODUCTION_API_URL : parseApiUrl(rawApiUrl, problems);
  const defaultToken = parseToken(read('SLACK_TOKEN'), read('SLACK_BOT_TOKEN'), problems);

  const embeddedEmulator = rawApiUrl === undefined && defaultToken === undefined;
  const rawCorsOrigins = read('CORS_ORIGINS');
  const persistedOperations = parsePersistedMode(read('PERSISTED_OPERATIONS'), problems);
  const persistedOperationsManifest = read('PERSISTED_OPERATIONS_MANIFEST');
  if (persistedOperations === 'only' && persistedOperationsManifest === undefined) {
    problems.push('PERSISTED_OPERATIONS=only needs PERSISTED_OPERATIONS_MANIFEST');
  }

  const otlpTracesEndpoint = read('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const otlpEndpoint = read('OTEL_EXPORTER_OTLP_ENDPOINT');

  const allowedHosts = parseAllowedHosts(read('ALLOWED_HOSTS'), host, defaultToken, problems);
  const corsOrigins =
    rawCorsOrigins === undefined && embeddedEmulator
      ? DEMO_CORS_ORIGINS
      : parseOrigins(rawCorsOrigins, problems);
  const timeoutMs = integer('SLACK_TIMEOUT_MS', 10_000, 1, 600_000);
  const maxRetries = integer('SLACK_MAX_RETRIES', 3, 0, 10);
  const maxRetryWaitMs = integer('SLACK_MAX_RETRY_WAIT_MS', 30_000, 0, 3_600_000);
  const maxConnections = integer('SLACK_MAX_CONNECTIONS', 10, 1, 1_000);
  const slackCostExposure = parseSlackCostExposure(
    flag('EXPOSE_SLACK_COST', read('NODE_ENV') !== 'production'),
    read('NODE_ENV') === 'production',
  );
  const governorEnabled = flag('SLACK_GOVERNOR', true);
  const windowMs = integer('SLACK_RATE_WINDOW_MS', 60_000, 1, 3_600_000);
  const rateLimitOverrides = parseRateOverrides(read('SLACK_RATE_LIMITS'), problems);
  const unlistedApp = flag('SLACK_UNLISTED_APP', false);
  const maxWaitMs = integer('SLACK_RATE_MAX_WAIT_MS', 10_000, 0, 3_600_000);
  const cacheEnabled = flag('SLACK_CACHE', true);
  const responsesEnabled = flag('SLACK_RESPONSE_CACHE', true);
  const repeatFastPathEnabled = flag('SLACK_REPEAT_FAST_PATH', true);
  const ttls = parseCacheTtls(read('SLACK_CACHE_TTLS'), problems);
  const maxEntries = integer('SLACK_CACHE_MAX_ENTRIES', 10_000, 1, 10_000_000);
  const maxBytes = integer('SLACK_CACHE_MAX_MB', 64, 1, 65_536) * 1024 * 1024;
  const metricsPath = parseMetricsPath(read('METRICS_PATH'), problems);
  const metricsToken = read('METRICS_TOKEN') || undefined;
  const operationLimits: Omit<LimitsConfig, 'operationDeadlineMs'> = {
    maxDepth: integer('MAX_QUERY_DEPTH', 12, 1, 1_000),
    maxAliases: integer('MAX_ALIASES', 15, 0, 100_000),
    maxDirectives: integer('MAX_DIRECTIVES', 50, 0, 100_000),
    maxFields: integer('MAX_FIELDS', 2_000, 1, 1_000_000),
    maxTokens: integer('MAX_TOKENS', 1_000, 1, 1_000_000),
    slackCallBudget: integer('SLACK_CALL_BUDGET', 1_000, 1, 1_000_000),
  };
  const maxRequestBodyBytes = integer('MAX_REQUEST_BODY_BYTES', 102_400, 1, 100_000_000);
  const operationDeadlineMs = integer('OPERATION_TIMEOUT_MS', 30_000, 1, 3_600_000);
  const requestTimeoutMs = integer('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  const circuitFailures = integer('SLACK_CIRCUIT_FAILURES', 10, 1, 10_000);
  const circuitCooldownMs = integer('SLACK_CIRCUIT_COOLDOWN_MS', 10_000, 1, 3_600_000);
  const shutdownDelayMs = integer('SHUTDOWN_DELAY_MS', 0, 0, 600_000);
  const shutdownGraceMs = integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000);
  const cursorSecret = parseCursorSecret(read('CURSOR_SECRET'), problems);
  const tracing: TracingConfig = {
    enabled:
      flag('OTEL_TRACING', otlpEndpoint !== undefined || otlpTracesEndpoint !== undefined) &&
      !flag('OTEL_SDK_DISABLED', false),
    endpoint: parseTracesEndpoint(otlpTracesEndpoint, otlpEndpoint, problems),
    serviceName: read('OTEL_SERVICE_NAME') ?? DEFAULT_SERVICE_NAME,
  };
  const events: EventsConfig = {
    signingSecret: read('SLACK_SIGNING_SECRET'),
    appToken: parseAppToken(read('SLACK_APP_TOKEN'), problems),
  };
  // A fleet's settings depend on the cursor secret (cursors sealed on one replica open on all).
  const sharedState = parseSharedState(
    read('REDIS_URL'),
    read('REDIS_KEY_PREFIX'),
    { cursorSecret, embeddedEmulator },
    problems,
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return freezeConfig({
    server: {
      port,
      host,
      allowedHosts,
      maxRequestBodyBytes,
      requestTimeoutMs,
      shutdownDelayMs,
      shutdownGraceMs,
    },
    frontends: { corsOrigins, persistedOperations, persistedOperationsManifest },
    slack: {
      apiUrl,
      defaultToken,
      embeddedEmulator,
      timeoutMs,
      maxRetries,
      maxRetryWaitMs,
      maxConnections,
      circuitFailures,
      circuitCooldownMs,
      unlistedApp,
    },
    governor: { enabled: governorEnabled, windowMs, rateLimitOverrides, maxWaitMs },
    cache: {
      enabled: cacheEnabled,
      responsesEnabled,
      repeatFastPathEnabled,
      ttls,
      maxEntries,
      maxBytes,
    },
    limits: { ...operationLimits, operationDeadlineMs },
    observability: { logLevel, metricsPath, metricsToken, slackCostExposure },
    tracing,
    events,
    cursorSecret,
    sharedState,
  });
}

/** Node's own flags for this process: its command line, then `NODE_OPTIONS`. */
export function nodeArguments(): string[] {
  const options = process.env.NODE_OPTIONS ?? '';
  return [...process.execArgv, ...options.split(/\s+/).filter((part) => part !== '')];
}

/** Reads the gateway's settings from the process environment. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}

/** What a browser sends as `Host` for a loopback gateway. */
export const LOOPBACK_HOST_NAMES: readonly string[] = Object.freeze([
  'localhost',
  '127.0.0.1',
  '[::1]',
]);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * `ALLOWED_HOSTS` as lower-case host names (IPv6 in brackets); `undefined` for any host. A
 * gateway reachable from other machines that acts with a default token must name its hosts:
 * otherwise a DNS-rebinding page could use that token.
 */
function parseAllowedHosts(
  raw: string | undefined,
  host: string,
  defaultToken: string | undefined,
  problems: string[],
): readonly string[] | undefined {
  if (raw === undefined) {
    if (isLoopback(host)) return LOOPBACK_HOST_NAMES;
    if (defaultToken !== undefined) {
      problems.push(
        'ALLOWED_HOSTS is required when HOST is not a loopback address and SLACK_TOKEN is set (the host names clients use, e.g. graphql.example.com)',
      );
    }
    return undefined;
  }
  const names = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  if (names.includes('*')) return undefined;
  for (const name of names) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(name)) {
      problems.push(`ALLOWED_HOSTS entries must be host names without a port, got "${name}"`);
    }
  }
  return Object.freeze(names);
}

/**
 * This process's environment with `overrides` on top: what a child gateway inherits
 * (`npm run fleet` starts its replicas this way).
 */
export function childEnvironment(overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** In production even an allowed report is sent only to requests that ask for it. */
function parseSlackCostExposure(allowed: boolean, production: boolean): SlackCostExposure {
  if (!allowed) return 'never';
  return production ? 'on-request' : 'always';
}

function parseLogLevel(raw: string | undefined, problems: string[]): LogLevel {
  if (raw === undefined) return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw.toLowerCase());
  if (level === undefined) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
    return 'info';
  }
  return level;
}

function parsePersistedMode(raw: string | undefined, problems: string[]): PersistedOperationsMode {
  if (raw === undefined) return 'allow';
  const mode = raw.toLowerCase();
  if (mode === 'allow' || mode === 'only') return mode;
  problems.push(`PERSISTED_OPERATIONS must be allow or only, got "${raw}"`);
  return 'allow';
}

/** An absolute path such as `/metrics` (the default); `off` turns the endpoint off. */
function parseMetricsPath(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return '/metrics';
  if (raw.toLowerCase() === 'off') return undefined;
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(raw)) {
    problems.push(`METRICS_PATH must be a path such as /metrics, or off, got "${raw}"`);
    return '/metrics';
  }
  return raw;
}

/** At least 32 characters, so cursors cannot be forged by guessing it; never echoed. */
function parseCursorSecret(raw: string | undefined, problems: string[]): string | undefined {
  if (raw !== undefined && raw.length < 32) {
    problems.push('CURSOR_SECRET must be at least 32 characters long');
  }
  return raw;
}

/**
 * The OTLP/HTTP traces URL: the signal-specific variable as is, else the base one + `v1/traces`.
 * Never echoed: an endpoint may carry credentials.
 * @see https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp
 */
function parseTracesEndpoint(
  traces: string | undefined,
  base: string | undefined,
  problems: string[],
): string {
  const [name, raw] =
    traces !== undefined
      ? ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces]
      : ['OTEL_EXPORTER_OTLP_ENDPOINT', base];
  if (raw === undefined) return DEFAULT_TRACES_ENDPOINT;
  if (!URL.canParse(raw) || !['http:', 'https:'].includes(new URL(raw).protocol)) {
    problems.push(`${name} must be an absolute http(s) URL`);
    return DEFAULT_TRACES_ENDPOINT;
  }
  if (traces !== undefined) return raw;
  return `${raw.endsWith('/') ? raw : `${raw}/`}v1/traces`;
}

/** A comma-separated list of `scheme://host[:port]` origins, each exactly as a browser sends it. */
function parseOrigins(raw: string | undefined, problems: string[]): readonly string[] {
  if (raw === undefined) return Object.freeze([]);
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      problems.push(
        `CORS_ORIGINS entries must be origins like https://app.example.com, got "${origin}"`,
      );
    }
  }
  return Object.freeze(origins);
}

/** Accepts an absolute http(s) URL without query or fragment; adds the trailing `/`. */
function parseApiUrl(raw: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`SLACK_API_URL must be an absolute http(s) URL, got "${raw}"`);
    return SLACK_PRODUCTION_API_URL;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`SLACK_API_URL must use http or https, got "${url.protocol}"`);
  } else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push('SLACK_API_URL must not contain credentials, a query or a fragment');
  }
  const href = url.href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `SLACK_TOKEN` wins; `SLACK_BOT_TOKEN` is accepted too, but the two must not disagree. */
function parseToken(
  token: string | undefined,
  botToken: string | undefined,
  problems: string[],
): string | undefined {
  if (token !== undefined && botToken !== undefined && token !== botToken) {
    // Never echo the tokens themselves.
    problems.push('SLACK_TOKEN and SLACK_BOT_TOKEN are both set to different values; set only one');
  }
  const chosen = token ?? botToken;
  if (chosen !== undefined && /\s/.test(chosen)) {
    problems.push('SLACK_TOKEN must not contain whitespace');
  }
  return chosen;
}

/** An app-level token, which only Socket Mode uses. */
function parseAppToken(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw.startsWith('xapp-')) return raw;
  problems.push('SLACK_APP_TOKEN must be an app-level token (xapp-…)');
  return undefined;
}
