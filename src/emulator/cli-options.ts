import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './emulator.js';

export const CLI_USAGE = `Usage: npm run emulator -- [options]

  --port N           port to listen on (default 3101; 0 picks a free port)
  --host HOST        interface to bind (default 127.0.0.1)
  --workspace SRC    'demo' (default) or a path to a workspace JSON file
  --rate-limits      enforce Slack's per-method tier limits (HTTP 429 + Retry-After)
  --latency-ms N     delay every /api/ answer by N milliseconds
  --events-url URL   deliver the app's events to this Request URL (signed, retried)
  --help             print this help`;

/** The CLI's reading of its flags: options to start with, or the problems found. */
export type CliParse =
  | { kind: 'start'; options: EmulatorOptions }
  | { kind: 'help' }
  | { kind: 'invalid'; problems: string[] };

/**
 * Parses the emulator CLI flags with node:util parseArgs (strict: unknown flags are problems).
 * Every problem is collected, so one run reports them all.
 */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '3101' },
        host: { type: 'string', default: '127.0.0.1' },
        workspace: { type: 'string', default: 'demo' },
        'rate-limits': { type: 'boolean', default: false },
        'latency-ms': { type: 'string', default: '0' },
        'events-url': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return { kind: 'invalid', problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help === true) return { kind: 'help' };
  const problems: string[] = [];
  const port = integerFlag(values.port, 'port', 0, 65_535, problems);
  const latencyMs = integerFlag(values['latency-ms'], 'latency-ms', 0, 600_000, problems);
  const host = String(values.host);
  if (host.trim() === '') problems.push('--host must not be empty');
  const workspace = String(values.workspace);
  if (workspace.trim() === '') problems.push("--workspace must be 'demo' or a path");
  const eventsUrl = values['events-url'] === undefined ? null : String(values['events-url']);
  if (eventsUrl !== null && !/^https?:\/\/\S+$/.test(eventsUrl)) {
    problems.push(`--events-url must be an http(s) URL (got "${eventsUrl}")`);
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  return {
    kind: 'start',
    options: {
      port,
      host,
      workspace,
      config: { rateLimits: values['rate-limits'] === true, latencyMs, eventsUrl },
    },
  };
}

function integerFlag(
  raw: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  problems: string[],
): number {
  const text = String(raw);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`--${name} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return value;
}
