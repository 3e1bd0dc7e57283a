import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApiRequest } from './api-pipeline.js';
import { handleControlRequest } from './control-endpoints.js';
import type { EmulatorRuntime } from './runtime.js';
import { sendJson } from './write-response.js';

const API_PREFIX = '/api/';
const CONTROL_PREFIX = '/_emulator/';
const EMPTY = Buffer.alloc(0);

/**
 * The emulator's node:http server: routes `/api/<method>` to the Slack pipeline and
 * `/_emulator/*` to the control endpoints once the body has been read. Keep-alive is on (Node's
 * default), so a client can reuse one connection for thousands of calls.
 */
export function createEmulatorServer(runtime: EmulatorRuntime): Server {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = chunks.length === 0 ? EMPTY : Buffer.concat(chunks);
      route(runtime, request, response, body);
    });
  });
  server.on('upgrade', (request, socket, head) => {
    runtime.socketMode.handleUpgrade(request, socket, head);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

function route(
  runtime: EmulatorRuntime,
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
): void {
  const url = request.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = mark === -1 ? '' : url.slice(mark + 1);
  if (path.startsWith(API_PREFIX)) {
    const method = decodePathSegment(path.slice(API_PREFIX.length));
    handleApiRequest(runtime, { method, query, request, body, response });
  } else if (path.startsWith(CONTROL_PREFIX)) {
    handleControlRequest(runtime, path, request.method ?? 'GET', body, response);
  } else {
    sendJson(response, 404, { error: `not found: ${path}; Slack methods live under /api/` });
  }
}

function decodePathSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
