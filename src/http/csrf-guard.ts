import type { Plugin } from 'graphql-yoga';
import type { GatewayErrorCode } from '../errors.js';

export interface CsrfGuardOptions {
  /** Only requests to this path are guarded (health and readiness probes are harmless). */
  graphqlPath: string;
  /** Origins allowed cross-site (`CORS_ORIGINS`); CORS then decides what they may read. */
  allowedOrigins: readonly string[];
  /** A default token (`SLACK_TOKEN`) answers requests without `Authorization`. @default false */
  hasDefaultToken?: boolean;
}

/**
 * Cross-site request forgery prevention for browsers, on top of the refusal of form and
 * plain-text POSTs (src/http/simple-request-guard.ts). A browser tells where a request comes from:
 * `Sec-Fetch-Site` (Fetch Metadata) and `Origin`. A request that a page of another site made
 * (fetch, `<img>`, `<script>`, a form) is refused with 403 unless its origin is listed in
 * `CORS_ORIGINS`; otherwise a foreign page could spend the default token's Slack rate limits
 * (GET queries) even though CORS keeps it from reading the answers. Following a link to
 * GraphiQL (a top-level GET navigation) stays allowed: it renders the page and runs nothing.
 * Non-browser clients (curl, servers) send neither header and are not affected, with one
 * exception: a GET operation that would use the default token needs `Sec-Fetch-Site:
 * same-origin` or `none`. A browser too old to send Fetch Metadata makes a foreign `<img>` or
 * `<script>` GET look exactly like curl (no `Origin` either), and the default token would pay for
 * it; such clients use POST (which needs a CORS preflight) or send `Authorization`.
 * @see https://web.dev/articles/fetch-metadata
 * @see https://owasp.org/www-community/attacks/csrf
 */
export function useCsrfGuard({ graphqlPath, ...options }: CsrfGuardOptions): Plugin {
  const refusal = csrfRefusal(options);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlPath) return;
      const reason = refusal(request.method, (name) => request.headers.get(name));
      if (reason === undefined) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `Cross-site request refused: ${reason}.`,
                extensions: { code: 'CSRF_REJECTED' satisfies GatewayErrorCode },
              },
            ],
          }),
          { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}

/** A request header by lower-case name (`null` when absent), from a Fetch or a node:http request. */
export type HeaderLookup = (name: string) => string | null;

/**
 * The guard's decision for a request to the GraphQL path: why it is refused, or `undefined`.
 * Also asked by the repeat fast path's front (src/http/repeat-fast-path.ts) before yoga runs.
 */
export function csrfRefusal({
  allowedOrigins,
  hasDefaultToken = false,
}: Omit<CsrfGuardOptions, 'graphqlPath'>): (
  method: string,
  header: HeaderLookup,
) => string | undefined {
  const allowed = new Set(allowedOrigins);
  return (method, header) => {
    const origin = header('origin');
    if (origin !== null && allowed.has(origin)) return undefined;
    return (
      crossSiteReason(method, header, origin) ??
      (hasDefaultToken ? unprovenDefaultTokenGet(method, header) : undefined)
    );
  };
}

/**
 * Why a GET operation may not use the default token, or `undefined`. GraphiQL's page (a GET that
 * accepts HTML) runs nothing and stays reachable.
 */
function unprovenDefaultTokenGet(method: string, header: HeaderLookup): string | undefined {
  if (method !== 'GET' || header('authorization') !== null) return undefined;
  if (header('accept')?.includes('text/html')) return undefined;
  const site = header('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return undefined;
  return 'a GET operation with the default token needs Sec-Fetch-Site same-origin or none; use POST or send Authorization';
}

/** Why the request looks cross-site, or `undefined` when it does not. */
function crossSiteReason(
  method: string,
  header: HeaderLookup,
  origin: string | null,
): string | undefined {
  const site = header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    const navigation = method === 'GET' && header('sec-fetch-mode') === 'navigate';
    if (!navigation) return `Sec-Fetch-Site is ${site}`;
  }
  if (origin === null) return undefined;
  if (origin === 'null') return 'the origin is opaque (null)';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'the Origin header is not an origin';
  }
  if (originHost !== header('host')) return `origin ${origin} is not allowed`;
  return undefined;
}
