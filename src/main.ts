/**
 * `npm start`: the composition root. Reads the config, starts the embedded emulator when no Slack
 * backend is configured, starts the gateway, and closes everything on SIGINT/SIGTERM. The only
 * gateway module that imports the emulator.
 */
import { type RunningGateway, startGateway } from './app.js';
import { type Config, ConfigError, loadConfig, nodeArguments, withOverrides } from './config.js';
import { DEFAULT_APP, type EmulatorHandle, startEmulator } from './emulator/index.js';
import { DEMO_TOKENS } from './emulator/state/demo-workspace.js';
import { warmUp } from './http/warm-up.js';
import { limitHeapGrowth, releaseStartupGarbage } from './serving-heap.js';

async function main(): Promise<void> {
  limitHeapGrowth(nodeArguments());
  const config = readConfig();
  let emulator: EmulatorHandle | undefined;
  let gateway: RunningGateway | undefined;
  const stop = async (): Promise<void> => {
    await gateway?.close();
    await emulator?.close();
  };

  try {
    let effective = config;
    if (config.slack.embeddedEmulator) {
      emulator = await startEmulator({ port: 0, host: '127.0.0.1', workspace: 'demo' });
      effective = withOverrides(config, {
        slack: { apiUrl: emulator.url, defaultToken: DEMO_TOKENS.user },
        // The demo app's secret: the emulator signs its event deliveries with it.
        events: { signingSecret: DEFAULT_APP.signing_secret },
      });
    }
    gateway = await startGateway(effective);
    if (emulator !== undefined) {
      // Live with no set-up: the emulator delivers every change to the gateway's Request URL.
      emulator.configure({ eventsUrl: `${gateway.server.origin}/slack/events` });
      await emulator.eventsUrlVerified();
    }
    if (emulator !== undefined) {
      console.log(
        `using the embedded Slack emulator (demo workspace) at ${emulator.url} with the demo user token; ` +
          'set SLACK_API_URL and/or SLACK_TOKEN to use another Slack backend',
      );
    } else {
      console.log(
        effective.slack.defaultToken === undefined
          ? `using ${effective.slack.apiUrl} with no default token: send "Authorization: Bearer <token>"`
          : `using ${effective.slack.apiUrl} with the token from the environment`,
      );
      await warnIfUnreachable(effective.slack.apiUrl);
    }
    // The first query is not the one that compiles the request path (no Slack call is made).
    await warmUp(gateway.url);
    releaseStartupGarbage();
    console.log(`gateway ready ${gateway.url}`);
  } catch (error) {
    console.error(`gateway failed to start: ${error instanceof Error ? error.message : error}`);
    await stop();
    process.exit(1);
  }

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${error instanceof Error ? error.message : error}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** How long the start-up probe of the Slack backend waits for an answer. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Calls `api.test` (no token, no rate budget to speak of) once at start, so a wrong
 * SLACK_API_URL shows at once, with the URL, instead of as failures of the first requests.
 * The gateway still starts: the backend may come up later.
 */
async function warnIfUnreachable(slackApiUrl: string): Promise<void> {
  const problem = await fetch(new URL('api.test', slackApiUrl), {
    method: 'POST',
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  }).then(
    async (response) => {
      const body: unknown = await response.json().catch(() => undefined);
      const ok = typeof body === 'object' && body !== null && 'ok' in body && body.ok === true;
      return ok ? undefined : `api.test answered HTTP ${response.status} without "ok": true`;
    },
    (error: unknown) => describeFetchError(error),
  );
  if (problem === undefined) return;
  console.warn(
    `warning: the Slack backend at ${slackApiUrl} is not answering (${problem}); ` +
      'GraphQL requests will fail with UPSTREAM_UNAVAILABLE until it does. Check SLACK_API_URL.',
  );
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** Parses the environment or exits with every problem listed. */
function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

await main();
