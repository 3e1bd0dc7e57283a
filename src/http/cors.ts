import type { CORSOptions, Plugin } from 'graphql-yoga';

/** yoga's `cors` option: fixed options, or options per request. */
export type CorsSetting = CORSOptions | ((request: Request) => CORSOptions);

/**
 * Request headers a listed origin may send: `Authorization` carries its Slack token;
 * `X-Slack-Cost` asks for `extensions.slackCost` (docs/cost.md).
 */
const ALLOWED_HEADERS = ['accept', 'authorization', 'content-type', 'x-request-id', 'x-slack-cost'];

/** How long a browser may cache a preflight answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * yoga's `cors` option: an origin of the allow-list gets its own origin back, credentials and the
 * `Authorization` header; any other origin gets no CORS header at all, so its browser refuses the
 * preflight (and reading any answer). yoga's plain `origin: [...]` would instead answer
 * `Access-Control-Allow-Origin: null` with credentials to strangers, which a sandboxed iframe
 * (origin `null`) matches. An empty list turns CORS off.
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
export function corsFor(allowedOrigins: readonly string[]): CorsSetting {
  if (allowedOrigins.length === 0) return false;
  const allowed = new Set(allowedOrigins);
  return (request: Request): CORSOptions => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['x-request-id'],
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    };
  };
}

/**
 * `Vary: Origin` on every answer while CORS is on: listed and unlisted origins get different CORS
 * headers, so a shared cache must not serve one's answer to the other (yoga adds it only when
 * several origins share one response shape).
 * @see https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches
 */
export function useVaryOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      const names = vary?.split(',').map((name) => name.trim().toLowerCase()) ?? [];
      if (names.includes('origin') || names.includes('*')) return;
      response.headers.set('vary', vary === null ? 'Origin' : `${vary}, Origin`);
    },
  };
}
