import type { Plugin } from 'graphql-yoga';

/** Content types a browser may POST cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
];

/**
 * Refuses POSTs with a form or plain-text body (415). A browser sends those cross-site without a
 * CORS preflight, so any web page could otherwise make the gateway act with its default token
 * (e.g. run a mutation). JSON POSTs are preflighted, and CORS stays off unless configured.
 * @see https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */
export function useSimpleRequestGuard(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const mediaType = refusedMediaType(request.method, request.headers.get('content-type'));
      if (mediaType === undefined) return;
      const message = `POST bodies of type ${mediaType} are refused; send application/json.`;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message }] }), {
          status: 415,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
  };
}

/** The media type of a POST body this guard refuses, or `undefined` when it lets it through. */
export function refusedMediaType(method: string, contentType: string | null): string | undefined {
  if (method !== 'POST') return undefined;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType !== undefined && SIMPLE_CONTENT_TYPES.includes(mediaType)
    ? mediaType
    : undefined;
}
