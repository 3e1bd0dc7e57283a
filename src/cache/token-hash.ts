import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a token, hex. Every cache key and governor bucket that depends on a token uses
 * this instead, so no store, map or log ever holds a token. Slack tokens carry enough entropy
 * that an unsalted hash cannot be reversed by guessing.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
