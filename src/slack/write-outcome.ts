import {
  SlackCallCancelledError,
  type SlackError,
  SlackHttpError,
  SlackPlatformError,
  SlackRequestError,
} from './errors.js';

/** `ok: false` answers that mean Slack failed mid-call: whether the write happened is unknown. */
export const UNKNOWN_OUTCOME_CODES: ReadonlySet<string> = new Set([
  'fatal_error',
  'internal_error',
  'service_unavailable',
  'request_timeout',
]);

/**
 * Whether `error` leaves a write's outcome unknown: no answer (reset, timeout), a 5xx, a body
 * that is not a Slack envelope, a call cancelled in flight, or Slack's own "something broke"
 * codes. A 429 is not one: Slack did not process the call, and the client already waited and
 * retried it.
 */
export function isOutcomeUnknown(error: unknown): error is SlackError {
  if (error instanceof SlackRequestError || error instanceof SlackHttpError) return true;
  if (error instanceof SlackCallCancelledError) return error.sent;
  return error instanceof SlackPlatformError && UNKNOWN_OUTCOME_CODES.has(error.error);
}

/**
 * Whether a failed write may still have changed something: its outcome is unknown, or Slack
 * refused it with per-item results (`errors`, e.g. an invite that reached some of its users).
 * Any other refusal (`invalid_auth`, `channel_not_found`, `missing_scope`, a 429, a call never
 * sent) changed nothing.
 */
export function mayHaveWritten(error: unknown): boolean {
  if (isOutcomeUnknown(error)) return true;
  return error instanceof SlackPlatformError && Array.isArray(error.data.errors);
}
