import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses to sign anything but version `v0`; a delivery older than this is a replay. */
export const MAX_DELIVERY_AGE_SECONDS = 300;

export interface SignedDelivery {
  /** `X-Slack-Request-Timestamp`, Unix seconds as Slack sent it. */
  timestamp: string | null;
  /** `X-Slack-Signature`: `v0=` + lowercase hex HMAC-SHA256. */
  signature: string | null;
}

/** Why a delivery was refused (logged and counted, never echoed to the sender). */
export type SignatureProblem = 'missing' | 'stale' | 'mismatch';

/**
 * Whether the timestamp header alone already refuses a delivery (missing, malformed, or more than
 * five minutes away from now in either direction), so a forged request is turned away before its
 * body is even read.
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function checkTimestamp(
  { timestamp, signature }: SignedDelivery,
  nowSeconds: number,
): SignatureProblem | undefined {
  if (timestamp === null || signature === null || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_DELIVERY_AGE_SECONDS) return 'stale';
  return undefined;
}

/**
 * Slack's v0 request signature over the raw body bytes, compared in constant time:
 * `v0=hex(hmac_sha256(secret, "v0:" + timestamp + ":" + body))`.
 */
export function checkSignature(
  delivery: SignedDelivery,
  rawBody: Uint8Array,
  signingSecret: string,
  nowSeconds: number,
): SignatureProblem | undefined {
  const early = checkTimestamp(delivery, nowSeconds);
  if (early !== undefined) return early;
  const expected = Buffer.from(signBody(signingSecret, delivery.timestamp as string, rawBody));
  const given = Buffer.from(delivery.signature as string);
  // timingSafeEqual throws on a length mismatch; the length of a signature is no secret.
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? undefined
    : 'mismatch';
}

/** The `X-Slack-Signature` value Slack sends for `body` at `timestamp`. */
export function signBody(signingSecret: string, timestamp: string, body: Uint8Array): string {
  const mac = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:`)
    .update(body)
    .digest('hex');
  return `v0=${mac}`;
}
