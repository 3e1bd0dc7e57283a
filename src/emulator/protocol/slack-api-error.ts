import type { SlackErrorCode } from './error-codes.js';

/**
 * A Slack API failure as the emulator reports it: HTTP 200 with `{ ok: false, error: code, ...extra }`.
 * Handlers throw it; the HTTP pipeline turns it into the wire body. `extra` carries Slack's
 * companions of an error code (`needed`/`provided` on `missing_scope`, `errors` on invite,
 * `response_metadata.messages` on `invalid_arguments`).
 */
export class SlackApiError extends Error {
  override readonly name = 'SlackApiError';

  constructor(
    readonly code: SlackErrorCode,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(code);
  }
}
