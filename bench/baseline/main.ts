/**
 * Starts the baseline server: `tsx bench/baseline/main.ts --slack-url <api url> --token <token>`.
 * Listens on 127.0.0.1 (port 0 unless `--port`), prints `baseline ready <url>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createYoga } from 'graphql-yoga';
import { Pool } from 'undici';
import { answerHeapProbes } from '../servers/heap-probe.js';
import { type BaselineContext, baselineSchema } from './schema.js';

const { values } = parseArgs({
  options: {
    'slack-url': { type: 'string' },
    token: { type: 'string' },
    port: { type: 'string', default: '0' },
    connections: { type: 'string', default: '10' },
  },
});
const slackUrl = new URL(values['slack-url'] ?? 'http://127.0.0.1:3101/api/');
const context: BaselineContext = {
  slack: new Pool(slackUrl.origin, { connections: Number(values.connections) }),
  apiPath: slackUrl.pathname,
  token: values.token ?? '',
};
const yoga = createYoga({
  schema: baselineSchema,
  context: () => context,
  graphiql: false,
  logging: false,
});
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
answerHeapProbes();
const { port } = server.address() as AddressInfo;
process.stdout.write(`baseline ready http://127.0.0.1:${port}/graphql\n`);
process.once('SIGTERM', () => {
  server.close();
  void context.slack.close().then(() => process.exit(0));
});
