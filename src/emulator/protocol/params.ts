import type { SlackErrorCode } from './error-codes.js';
import { SlackApiError } from './slack-api-error.js';

/** A raw argument value: strings from query/form bodies, any JSON value from JSON bodies. */
export type RawArgument = unknown;

/**
 * Typed, Slack-tolerant readers over a request's arguments (query string, form body or JSON body,
 * already merged by the HTTP layer). Absent, `null` (JSON "use the default") and `""` all read as
 * "not given". Booleans accept `true`/`1` and `false`/`0` as the SDKs send them.
 */
export class Params {
  constructor(private readonly raw: Readonly<Record<string, RawArgument>>) {}

  /** Every argument as received (a copy), for methods that echo them such as api.test. */
  all(): Record<string, RawArgument> {
    return { ...this.raw };
  }

  /** Whether the argument was given (not absent, null or empty). */
  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  /** A string argument, or `undefined` when not given. Numbers and booleans from JSON are stringified. */
  string(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: [`[ERROR] invalid type for field: ${name}`] },
    });
  }

  /** A required string argument; throws `errorCode` (Slack's per-method code) when missing. */
  requiredString(name: string, errorCode: SlackErrorCode): string {
    const value = this.string(name);
    if (value === undefined) throw new SlackApiError(errorCode);
    return value;
  }

  /** A boolean argument with a default. */
  bool(name: string, fallback = false): boolean {
    if (!this.has(name)) return fallback;
    const value = this.raw[name];
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    return fallback;
  }

  /** A comma-separated list argument (arrays from JSON bodies too), trimmed, empties dropped. */
  list(name: string): string[] | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
    return parts.map((part) => part.trim()).filter((part) => part.length > 0);
  }

  /**
   * A `limit` argument: integer, defaulting to `defaultLimit`. Non-integers give `invalid_limit`;
   * values outside `[1, max]` are clamped, as Slack "magically adjusts" them
   * (shared/slack-api/REFERENCE.md §3.7).
   */
  limit(defaultLimit: number, max: number): number {
    if (!this.has('limit')) return defaultLimit;
    const text = String(this.raw.limit).trim();
    if (!/^-?\d+$/.test(text)) throw new SlackApiError('invalid_limit');
    const value = Number(text);
    if (value < 1) return defaultLimit;
    return Math.min(value, max);
  }
}
