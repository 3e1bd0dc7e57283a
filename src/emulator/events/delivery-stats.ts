/** Event delivery counters, in `GET /_emulator/stats` as `events`. */
export interface EventDeliveryStats {
  /** Events raised by changes and visible to the app's installation. */
  emitted: number;
  /** Raised events no part of the installation could see (Slack sends nothing). */
  invisible: number;
  /** Visible events with nowhere to go (no verified Request URL, no Socket Mode connection). */
  undeliverable: number;
  /** HTTP POSTs and Socket Mode envelopes sent, retries included. */
  attempts: number;
  /** Attempts after the first (`X-Slack-Retry-Num` ≥ 1, or `retry_attempt` ≥ 1). */
  retries: number;
  /** Events answered 2xx over HTTP or acked over Socket Mode. */
  delivered: number;
  /** Socket Mode acks received. */
  acks: number;
  /** Events given up on after the last retry. */
  failed: number;
  /** `url_verification` handshakes answered with the challenge / not answered with it. */
  verifications: { passed: number; failed: number };
}

export function emptyDeliveryStats(): EventDeliveryStats {
  return {
    emitted: 0,
    invisible: 0,
    undeliverable: 0,
    attempts: 0,
    retries: 0,
    delivered: 0,
    acks: 0,
    failed: 0,
    verifications: { passed: 0, failed: 0 },
  };
}
