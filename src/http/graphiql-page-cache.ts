import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { matchesEtag } from './etag.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The GraphiQL page in each encoding a browser may take, with its ETag. */
interface EncodedPage {
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
}

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Serves GraphiQL (about 9 MB of HTML with its inlined bundle) compressed and revalidated: the
 * page is rendered once, compressed once with gzip and Brotli (off the event loop), and answered
 * in the encoding `Accept-Encoding` asks for, with an ETag. A browser holding the page sends
 * `If-None-Match` and gets 304 with no body. Returns the renderer for yoga's `renderGraphiQL`
 * (the page depends only on the server's GraphiQL options, which are fixed at start) and the
 * plugin that rewrites its responses.
 */
export function createGraphiqlPageCache(render: () => Promise<string>): {
  render: () => Promise<string>;
  plugin: Plugin;
} {
  let page: Promise<string> | undefined;
  let encoded: Promise<EncodedPage> | undefined;
  const renderOnce = (): Promise<string> => {
    page ??= render();
    return page;
  };
  const encodeOnce = (): Promise<EncodedPage> => {
    encoded ??= renderOnce().then(encodePage);
    return encoded;
  };
  return {
    render: renderOnce,
    plugin: {
      async onResponse({ request, response, setResponse, fetchAPI }) {
        // Only the GraphiQL page is HTML with status 200 (yoga's landing page is a 404).
        if (request.method !== 'GET' || response.status !== 200) return;
        if (!response.headers.get('content-type')?.startsWith('text/html')) return;
        await response.body?.cancel();
        const encodedPage = await encodeOnce();
        const headers = new fetchAPI.Headers(response.headers);
        headers.set('etag', encodedPage.etag);
        // The browser keeps the page but asks each time: a 304 costs a few hundred bytes.
        headers.set('cache-control', 'no-cache');
        headers.append('vary', 'Accept-Encoding');
        if (matchesEtag(request.headers.get('if-none-match'), encodedPage.etag)) {
          headers.delete('content-type');
          setResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        const encoding = pickEncoding(request.headers.get('accept-encoding'));
        if (encoding !== 'identity') headers.set('content-encoding', encoding);
        const body = encodedPage[encoding];
        headers.set('content-length', String(body.byteLength));
        setResponse(new fetchAPI.Response(body, { status: 200, headers }));
      },
    },
  };
}

async function encodePage(html: string): Promise<EncodedPage> {
  const identity = new TextEncoder().encode(html);
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(identity, { level: 9 }),
    // Quality 9 of 11: nearly the size of 11 at a fraction of the one-off CPU time.
    brotliAsync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.byteLength,
      },
    }),
  ]);
  const digest = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  return {
    etag: `"${digest}"`,
    identity,
    gzip: new Uint8Array(gzipped),
    br: new Uint8Array(brotli),
  };
}

/** Brotli, else gzip, else none, among the codings `Accept-Encoding` accepts (q > 0). */
function pickEncoding(acceptEncoding: string | null): Encoding {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(name.trim());
  }
  if (accepted.has('br') || accepted.has('*')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}
