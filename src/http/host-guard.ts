import type { Plugin } from 'graphql-yoga';
import type { GatewayErrorCode } from '../errors.js';

export interface HostGuardOptions {
  /** Host names (no port) the gateway answers to, lower case; IPv6 in brackets (`[::1]`). */
  allowedHosts: readonly string[];
  /** Paths that answer any host: probes, which read nothing and cost nothing. */
  exemptPaths: readonly string[];
}

/**
 * Refuses a request whose `Host` is not one of the gateway's names (403 `HOST_NOT_ALLOWED`),
 * before any other work. This defeats DNS rebinding: a page on `rebind.evil.example` whose name
 * now resolves to 127.0.0.1 is same-origin with itself, so the browser sends its requests (and
 * `Origin` matches `Host`), but the `Host` it sends is `rebind.evil.example`.
 * @see https://en.wikipedia.org/wiki/DNS_rebinding
 */
export function useHostGuard({ allowedHosts, exemptPaths }: HostGuardOptions): Plugin {
  const hostAllowed = hostCheck(allowedHosts);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (exemptPaths.includes(url.pathname) || hostAllowed(request.headers.get('host'))) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: 'This Host is not one of the gateway’s names (ALLOWED_HOSTS).',
                extensions: { code: 'HOST_NOT_ALLOWED' satisfies GatewayErrorCode },
              },
            ],
          }),
          { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}

/**
 * Whether a `Host` header names one of `allowedHosts`: the guard's decision, also asked by the
 * repeat fast path's front (src/http/repeat-fast-path.ts) before yoga runs.
 */
export function hostCheck(allowedHosts: readonly string[]): (host: string | null) => boolean {
  const allowed = new Set(allowedHosts);
  // Clients send the same few `Host` values: each is parsed once (a URL parse per request shows in
  // profiles). Bounded, as anyone can send any value.
  const decided = new Map<string, boolean>();
  return (header) => {
    if (header === null) return false;
    let allows = decided.get(header);
    if (allows === undefined) {
      const host = hostName(header);
      allows = host !== undefined && allowed.has(host);
      if (decided.size >= MAX_REMEMBERED_HOSTS) decided.clear();
      decided.set(header, allows);
    }
    return allows;
  };
}

/** `Host` values whose decision is remembered at once. */
const MAX_REMEMBERED_HOSTS = 64;

/** The host name of a `Host` header, lower case, without the port; `undefined` if malformed. */
export function hostName(header: string | null): string | undefined {
  if (header === null || header === '' || /[\s/@?#\\]/.test(header)) return undefined;
  try {
    return new URL(`http://${header}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
