import { GraphQLError } from 'graphql';
import { type DestinationStream, type Logger, pino } from 'pino';
import { SlackPlatformError, SlackRequestError } from '../slack/errors.js';

/** Log levels the config accepts (`LOG_LEVEL`). */
type GatewayLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Fields never written as they are, at any depth pino can address: `Authorization` headers and
 * any `token` field (Slack tokens travel as both).
 * @see https://getpino.io/#/docs/redaction
 */
const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'token',
  '*.token',
  '*.*.token',
  '*.*.*.token',
];

interface LoggerOptions {
  level: GatewayLogLevel;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}

/** A JSON-lines logger (pino) with tokens redacted. */
export function createGatewayLogger({ level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service: 'slack-conversations-graphql' },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** The four-method logger yoga and the Slack client expect, writing through pino. */
export interface LevelLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

interface LevelLoggerOptions {
  /** How long one token's refused calls stay quiet after one warn line. @default 60_000 */
  clientErrorWindowMs?: number;
  /** Most token hashes remembered for that; the oldest is forgotten first. @default 10_000 */
  maxClientErrorKeys?: number;
  now?: () => number;
}

/**
 * Adapts pino to yoga's `logging` option: an Error argument goes to the `err` field (pino
 * serialises its stack), everything else joins into the message.
 *
 * yoga logs every error it masks at error level, including Slack's `ok: false` answers
 * (`invalid_auth`, `channel_not_found`, ...). Those are the client's doing, already in its
 * response: they are written at warn, without a stack, at most once per token hash per window,
 * so a flood of bad tokens cannot flood the log. A Slack backend that does not answer at all
 * (refused connection, timeout, open circuit) is one warn line naming its URL and the cause, at
 * most once per URL per window: its stack says nothing, and every request would repeat it.
 */
export function toLevelLogger(
  logger: Logger,
  {
    clientErrorWindowMs = 60_000,
    maxClientErrorKeys = 10_000,
    now = Date.now,
  }: LevelLoggerOptions = {},
): LevelLogger {
  const quietUntil = new Map<string, number>();
  const shouldLogClientError = (key: string): boolean => {
    const time = now();
    const until = quietUntil.get(key);
    if (until !== undefined && until > time) return false;
    quietUntil.delete(key);
    quietUntil.set(key, time + clientErrorWindowMs);
    // A Map iterates in insertion order: the first key is the oldest.
    if (quietUntil.size > maxClientErrorKeys) {
      const oldest = quietUntil.keys().next().value;
      if (oldest !== undefined) quietUntil.delete(oldest);
    }
    return true;
  };
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const unanswered = originalOf(error);
      if (unanswered instanceof SlackRequestError) {
        if (!logger.isLevelEnabled('warn')) return;
        const backendUrl = unanswered.backendUrl ?? 'unknown';
        if (!shouldLogClientError(`backend ${backendUrl}`)) return;
        logger.warn(
          { slack: { method: unanswered.method, backendUrl, reason: unanswered.reason } },
          `No answer from the Slack backend at ${backendUrl} (${unanswered.method}: ${unanswered.reason}); check SLACK_API_URL`,
        );
        return;
      }
      const refused = unanswered instanceof SlackPlatformError ? unanswered : undefined;
      if (refused !== undefined) {
        if (!logger.isLevelEnabled('warn')) return;
        const tokenHash = refused.tokenHash?.slice(0, 16) ?? 'unknown';
        if (!shouldLogClientError(tokenHash)) return;
        logger.warn(
          { slack: { method: refused.method, error: refused.error }, tokenHash },
          `Slack refused ${refused.method}: ${refused.error}`,
        );
        return;
      }
      if (!logger.isLevelEnabled(level)) return;
      const message = args
        .filter((arg) => arg !== error)
        .map((arg) => (typeof arg === 'string' ? arg : safeJson(arg)))
        .join(' ');
      if (error === undefined) logger[level](message);
      else logger[level]({ err: error }, message || error.message);
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
}

/** The error behind one yoga hands over (bare or in a GraphQLError). */
function originalOf(error: Error | undefined): Error | undefined {
  return error instanceof GraphQLError ? error.originalError : error;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
