/**
 * The gateway's configuration: the ONLY module that reads `process.env` (biome.json turns
 * `style/noProcessEnv` on everywhere else in src/). Every other module receives the frozen
 * `Config` as a parameter.
 *
 * `parseConfig` is pure: it collects every problem and throws one `ConfigError` naming them all,
 * so a bad start reports everything at once.
 * @see https://github.com/kamilkisiela/graphql-hive/blob/main/packages/services/server/src/environment.ts
 */

/** yoga's log levels plus `silent`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Slack's production Web API base URL. */
export const SLACK_PRODUCTION_API_URL = 'https://slack.com/api/';

export interface Config {
  /** `PORT`; 0 picks a free port. */
  readonly port: number;
  /** `HOST`: the interface to listen on. */
  readonly host: string;
  /** `LOG_LEVEL`. */
  readonly logLevel: LogLevel;
  /** `CORS_ORIGINS`: browser origins allowed to call the gateway; empty turns CORS off. */
  readonly corsOrigins: readonly string[];
  /** `SLACK_API_URL`, always ending with `/`. In embedded-emulator mode: the production URL, unused. */
  readonly slackApiUrl: string;
  /** `SLACK_TOKEN` (or `SLACK_BOT_TOKEN`): used when a request brings no `Authorization` header. */
  readonly defaultToken: string | undefined;
  /**
   * True when neither `SLACK_API_URL` nor a token is set: `npm start` then runs the embedded
   * emulator with the demo workspace and uses its demo user token.
   */
  readonly embeddedEmulator: boolean;
  /** `SLACK_TIMEOUT_MS`: per attempt of a Slack call. */
  readonly slackTimeoutMs: number;
  /** `SLACK_MAX_RETRIES`: retries after the first attempt (429s for any method; transient failures for reads). */
  readonly slackMaxRetries: number;
  /** `SLACK_MAX_RETRY_WAIT_MS`: upper bound on the total time one call spends waiting to retry. */
  readonly slackMaxRetryWaitMs: number;
  /** `SLACK_MAX_CONNECTIONS`: the size of the shared connection pool to Slack. */
  readonly slackMaxConnections: number;
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

  const port = integer('PORT', 4000, 0, 65_535);
  const host = read('HOST') ?? '127.0.0.1';
  const logLevel = parseLogLevel(read('LOG_LEVEL'), problems);
  const rawApiUrl = read('SLACK_API_URL');
  const slackApiUrl =
    rawApiUrl === undefined ? SLACK_PRODUCTION_API_URL : parseApiUrl(rawApiUrl, problems);
  const defaultToken = parseToken(read('SLACK_TOKEN'), read('SLACK_BOT_TOKEN'), problems);

  const config: Config = {
    port,
    host,
    logLevel,
    corsOrigins: parseOrigins(read('CORS_ORIGINS'), problems),
    slackApiUrl,
    defaultToken,
    embeddedEmulator: rawApiUrl === undefined && defaultToken === undefined,
    slackTimeoutMs: integer('SLACK_TIMEOUT_MS', 10_000, 1, 600_000),
    slackMaxRetries: integer('SLACK_MAX_RETRIES', 3, 0, 10),
    slackMaxRetryWaitMs: integer('SLACK_MAX_RETRY_WAIT_MS', 30_000, 0, 3_600_000),
    slackMaxConnections: integer('SLACK_MAX_CONNECTIONS', 10, 1, 1_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Reads the process environment; the one place `process.env` is touched. */
export function loadConfig(): Config {
  return parseConfig(process.env);
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
