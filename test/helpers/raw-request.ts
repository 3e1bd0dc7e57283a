import { request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as given, `Host` included (fetch does not let a caller set it). */
  headers: Record<string, string>;
  body?: string | undefined;
}

/** One request over node:http to `url`; resolves with the status and the body as text. */
export function rawRequest(
  url: string,
  { method, headers, body }: RawRequest,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
