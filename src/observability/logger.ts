import { type DestinationStream, type Logger, pino } from 'pino';

/** Log levels the config accepts (`LOG_LEVEL`). */
export type GatewayLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Fields never written as they are, at any depth pino can address: `Authorization` headers and
 * any `token` field (Slack tokens travel as both).
 * @see https://getpino.io/#/docs/redaction
 */
export const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'token',
  '*.token',
  '*.*.token',
  '*.*.*.token',
];

export interface LoggerOptions {
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

/**
 * Adapts pino to yoga's `logging` option: an Error argument goes to the `err` field (pino
 * serialises its stack), everything else joins into the message.
 */
export function toLevelLogger(logger: Logger): LevelLogger {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      if (!logger.isLevelEnabled(level)) return;
      const error = args.find((arg): arg is Error => arg instanceof Error);
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

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
