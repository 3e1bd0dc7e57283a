import { randomUUID, timingSafeEqual } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './metrics.js';

/** The header that carries a request id in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Compares in constant time, so response timing does not reveal the token's prefix. */
function bearerMatches(request: Request, token: string): boolean {
  const sent = Buffer.from(request.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/** A client's request id is kept only if it looks like one (no log injection). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface ObservabilityOptions {
  metrics: GatewayMetrics;
  logger: Logger;
  /** Serves the metrics here (`GET`); `undefined` serves none. */
  metricsPath: string | undefined;
  /** When set, the metrics need `Authorization: Bearer <metricsToken>`. @default open */
  metricsToken?: string;
  /** Paths reported as their own `route` label; anything else is `other`. */
  routes: readonly string[];
}

interface RequestInfo {
  id: string;
  started: number;
  operation?: string;
}

/**
 * Per request: a request id (the client's `x-request-id` if sane, else a UUID) echoed back, one
 * JSON log line when answered, the request-duration histogram, and `GET /metrics`. Per GraphQL
 * operation: the operations counter and duration by name, type and outcome. Never logs headers,
 * variables or bodies, where tokens and user data live.
 */
export function useObservability({
  metrics,
  logger,
  metricsPath,
  metricsToken,
  routes,
}: ObservabilityOptions): Plugin {
  const requests = new WeakMap<Request, RequestInfo>();
  const recorder = createRequestRecorder({ metrics, logger, metricsPath, routes });

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      requests.set(request, {
        id: recorder.requestId(request.headers.get(REQUEST_ID_HEADER)),
        started: performance.now(),
      });
      if (metricsPath !== undefined && url.pathname === metricsPath && request.method === 'GET') {
        if (metricsToken !== undefined && !bearerMatches(request, metricsToken)) {
          endResponse(
            new fetchAPI.Response('metrics need Authorization: Bearer <METRICS_TOKEN>\n', {
              status: 401,
              headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' },
            }),
          );
          return;
        }
        const { contentType, body } = await metrics.render();
        endResponse(new fetchAPI.Response(body, { headers: { 'content-type': contentType } }));
      }
    },
    onValidate({ context, params }) {
      return ({ valid }) => {
        if (valid) return;
        const info = requests.get(context.request);
        const { operationName } = context.params;
        const name =
          getOperationAST(params.documentAST, operationName)?.name?.value ??
          operationName ??
          'anonymous';
        if (info !== undefined) info.operation = name;
        metrics.graphqlOperation(name, 'unknown', 'invalid', 0);
      };
    },
    onExecute({ args }) {
      const started = performance.now();
      const operation = getOperationAST(args.document, args.operationName);
      const name = operation?.name?.value ?? 'anonymous';
      const type = operation?.operation ?? 'unknown';
      const info = requests.get(args.contextValue.request);
      if (info !== undefined) info.operation = name;
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && (result.errors?.length ?? 0) > 0;
          const seconds = (performance.now() - started) / 1_000;
          metrics.graphqlOperation(name, type, failed ? 'error' : 'ok', seconds);
        },
      };
    },
    onResponse({ request, response }) {
      const info = requests.get(request);
      if (info === undefined) {
        // Answered by a yoga plugin that runs before this one (the health check).
        response.headers.set(
          REQUEST_ID_HEADER,
          recorder.requestId(request.headers.get(REQUEST_ID_HEADER)),
        );
        return;
      }
      response.headers.set(REQUEST_ID_HEADER, info.id);
      recorder.answered({
        id: info.id,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        ms: performance.now() - info.started,
        operation: info.operation,
      });
    },
  };
}

/** One answered request, as the metrics and the log see it. */
export interface AnsweredRequest {
  id: string;
  method: string;
  /** The URL's path; reported as its route, or `other`. */
  path: string;
  status: number;
  ms: number;
  operation?: string | undefined;
}

/**
 * What is recorded of every answered request: its id, the request-duration histogram and one log
 * line. Shared by the plugin and by answers sent before yoga runs (src/http/repeat-fast-path.ts).
 */
export interface RequestRecorder {
  /** The client's `x-request-id` if it looks like one, else a fresh UUID. */
  requestId(given: string | null): string;
  answered(request: AnsweredRequest): void;
}

export function createRequestRecorder({
  metrics,
  logger,
  metricsPath,
  routes,
}: Pick<ObservabilityOptions, 'metrics' | 'logger' | 'metricsPath' | 'routes'>): RequestRecorder {
  return {
    requestId: (given) => (given !== null && REQUEST_ID.test(given) ? given : randomUUID()),
    answered({ id, method, path, status, ms, operation }) {
      const route = routes.includes(path) ? path : 'other';
      metrics.httpRequest(route, status, ms / 1_000);
      const quiet = route !== 'other' && route === metricsPath;
      logger[quiet ? 'debug' : 'info'](
        { reqId: id, method, path: route, status, ms: Math.round(ms * 10) / 10, operation },
        'request',
      );
    },
  };
}
