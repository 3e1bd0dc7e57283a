/**
 * A small bounded-concurrency HTTP load generator over undici: a keep-alive pool of sockets (one
 * request on each at a time) and a number of requests kept in flight, stopped by a request count
 * and a time limit, whichever comes first. All traffic goes to 127.0.0.1. Written here rather than taking autocannon because the
 * runs also need per-response checks and interleaving with other targets in one process, and
 * undici is already a dependency.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentile, round } from './stats.js';

export interface Target {
  /** e.g. `http://127.0.0.1:4000` */
  origin: string;
  path: string;
  method?: 'GET' | 'POST';
  /** Fixed headers, or headers per request (its index in the run), e.g. to vary the token. */
  headers?: Record<string, string> | ((index: number) => Record<string, string>);
  /** A fixed body, or one per request (its index in the run), e.g. to vary variables. */
  body?: string | ((index: number) => string);
  /** Whether an answer counts as a success; by default any 200. */
  check?: (status: number, body: string) => boolean;
}

export interface LoadLimits {
  /** Requests in flight at once; beyond the pool's sockets they queue in the pool. */
  connections: number;
  maxRequests: number;
  maxSeconds: number;
}

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number };
}

/** A reusable client for one target: its pool stays warm between rounds. */
export interface LoadClient {
  run(limits: LoadLimits): Promise<LoadResult>;
  /** One request (`index` picks the body); resolves with its status, body and latency. */
  once(index?: number): Promise<{ status: number; body: string; ms: number }>;
  close(): Promise<void>;
}

export function createLoadClient(target: Target, maxConnections: number): LoadClient {
  const pool = new Pool(target.origin, { connections: maxConnections, pipelining: 1 });
  const check = target.check ?? ((status: number) => status === 200);

  const once = async (index = 0) => {
    const start = performance.now();
    const response = await pool.request({
      path: target.path,
      method: target.method ?? 'POST',
      headers: typeof target.headers === 'function' ? target.headers(index) : target.headers,
      body: typeof target.body === 'function' ? target.body(index) : target.body,
    });
    const body = await response.body.text();
    return { status: response.statusCode, body, ms: performance.now() - start };
  };

  return {
    once,
    async run({ connections, maxRequests, maxSeconds }) {
      const latencies: number[] = [];
      let started = 0;
      let failures = 0;
      const start = performance.now();
      const deadline = start + maxSeconds * 1000;
      const loop = async () => {
        while (started < maxRequests && performance.now() < deadline) {
          const index = started;
          started += 1;
          try {
            const answer = await once(index);
            if (!check(answer.status, answer.body)) failures += 1;
            latencies.push(answer.ms);
          } catch {
            failures += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: connections }, loop));
      const seconds = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        requests: latencies.length,
        failures,
        seconds: round(seconds),
        perSecond: round(latencies.length / seconds, 1),
        latencyMs: {
          p50: percentile(latencies, 50),
          p90: percentile(latencies, 90),
          p99: percentile(latencies, 99),
        },
      };
    },
    close: () => pool.close(),
  };
}
