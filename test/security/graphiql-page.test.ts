import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/** Issue 13, item 7: GraphiQL compressed and revalidated; `?query=` never runs by itself. */

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that keeps the bytes as sent (fetch would decompress them). */
function rawGet(path: string, headers: Record<string, string>): Promise<RawResponse> {
  const url = new URL(path, gw.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const HTML = { accept: 'text/html' };

describe('the GraphiQL page', () => {
  it('is sent compressed (br, gzip) with an ETag, and answered 304 while unchanged', async () => {
    const plain = await rawGet('/graphql', HTML);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const etag = plain.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.body.byteLength).toBeGreaterThan(5_000_000);

    const br = await rawGet('/graphql', { ...HTML, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(etag);
    expect(br.headers['x-frame-options']).toBe('DENY');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gzip = await rawGet('/graphql', { ...HTML, 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    // 30 loads by one browser: one compressed page, then 29 revalidations without a body.
    let sent = br.body.byteLength;
    for (let load = 1; load < 30; load += 1) {
      const again = await rawGet('/graphql', {
        ...HTML,
        'accept-encoding': 'br',
        'if-none-match': String(etag),
      });
      expect(again.status).toBe(304);
      expect(again.headers['x-frame-options']).toBe('DENY');
      sent += again.body.byteLength;
    }
    expect(br.body.byteLength * 4).toBeLessThan(plain.body.byteLength);
    expect(sent).toBe(br.body.byteLength);
  });

  it('is served with ?query= holding a mutation without running it', async () => {
    gw.resetEmulatorCalls();
    const mutation =
      'mutation { createConversation(input: { name: "clickjacked" }) { __typename } }';
    const page = await rawGet(`/graphql?query=${encodeURIComponent(mutation)}`, HTML);
    expect(page.status).toBe(200);
    // Outside a page (an <img>, a link fetched as data), a mutation over GET is refused too.
    const asData = await rawGet(`/graphql?query=${encodeURIComponent(mutation)}`, {
      accept: 'application/json',
    });
    expect(asData.status).toBe(405);
    expect(gw.emulatorCalls().total).toBe(0);
  });
});
