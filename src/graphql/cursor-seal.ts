import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Seals connection cursors so the gateway only ever resumes from positions it minted itself:
 * a cursor is `base64url(payload).base64url(mac)` where the MAC covers the payload and a
 * binding (the connection's field, parent, filter arguments and the token fingerprint). A
 * malformed, tampered or foreign cursor fails to open, so it is refused before any Slack call.
 */
export interface CursorSealer {
  seal(payload: string, binding: string): string;
  /** The payload, or `undefined` when the cursor was not sealed by this sealer for `binding`. */
  open(cursor: string, binding: string): string | undefined;
}

/** Bytes of HMAC-SHA256 kept in a cursor: 128 bits is plenty against forgery. */
const MAC_BYTES = 16;

export function createCursorSealer(secret: Uint8Array): CursorSealer {
  if (secret.byteLength < 16) throw new Error('A cursor secret needs at least 16 bytes.');
  const mac = (encoded: string, binding: string): Buffer =>
    createHmac('sha256', secret)
      .update(binding)
      .update('\u0000')
      .update(encoded)
      .digest()
      .subarray(0, MAC_BYTES);
  return {
    seal(payload, binding) {
      const encoded = Buffer.from(payload).toString('base64url');
      return `${encoded}.${mac(encoded, binding).toString('base64url')}`;
    },
    open(cursor, binding) {
      const [encoded, signature, ...rest] = cursor.split('.');
      if (encoded === undefined || signature === undefined || rest.length > 0) return undefined;
      // Node's decoder skips stray characters and unused bits; only the exact text it minted counts.
      if (!isCanonical(encoded) || !isCanonical(signature)) return undefined;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(encoded, binding);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return Buffer.from(encoded, 'base64url').toString();
    },
  };
}

/** Whether `part` is exactly the base64url text (unpadded) of the bytes it decodes to. */
function isCanonical(part: string): boolean {
  return (
    /^[A-Za-z0-9_-]*$/.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part
  );
}

/**
 * The default sealer: a random secret per process. Cursors therefore do not survive a restart
 * and are not shared between gateway replicas; pass a configured secret to `createCursorSealer`
 * to change that.
 */
export const processCursorSealer: CursorSealer = createCursorSealer(randomBytes(32));
