import { createLogger } from 'graphql-yoga';
import type { Config } from './config.js';
import { schema } from './graphql/schema.js';
import { type RunningServer, startServer } from './server.js';
import { createSlackClient } from './slack/client.js';
import { defaultRetryPolicy, type RetryPolicy } from './slack/retry.js';
import { createGateway, GRAPHQL_PATH } from './yoga.js';

export interface StartGatewayOptions {
  /**
   * Backoff shape of Slack retries; its bounds are replaced by `slackMaxRetries` and
   * `slackMaxRetryWaitMs` from the config.
   * @default defaultRetryPolicy
   */
  retryPolicy?: RetryPolicy;
}

/** A listening gateway and everything it owns. */
export interface RunningGateway {
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly server: RunningServer;
  /** Stops listening, then closes the Slack connection pool. */
  close(): Promise<void>;
}

/**
 * Wires config → Slack client → yoga → HTTP server and starts listening. Used by `npm start`
 * (src/main.ts) and by the test helper, so tests run the real composition.
 */
export async function startGateway(
  config: Config,
  { retryPolicy = defaultRetryPolicy }: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const logger = createLogger(config.logLevel);
  const slack = createSlackClient({
    baseUrl: config.slackApiUrl,
    maxConnections: config.slackMaxConnections,
    timeoutMs: config.slackTimeoutMs,
    retryPolicy: {
      ...retryPolicy,
      maxRetries: config.slackMaxRetries,
      maxTotalWaitMs: config.slackMaxRetryWaitMs,
    },
    logger,
  });
  const yoga = createGateway({ schema, slack, config });
  let server: RunningServer;
  try {
    server = await startServer(yoga, { port: config.port, host: config.host });
  } catch (error) {
    await slack.close();
    throw error;
  }
  return {
    url: `${server.origin}${GRAPHQL_PATH}`,
    server,
    async close() {
      await server.close();
      await slack.close();
    },
  };
}
