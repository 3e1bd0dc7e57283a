/**
 * `npm start`: the composition root. Reads the config, starts the embedded emulator when no Slack
 * backend is configured, starts the gateway, and closes everything on SIGINT/SIGTERM. The only
 * gateway module that imports the emulator.
 */
import { type RunningGateway, startGateway } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DEFAULT_APP, type EmulatorHandle, startEmulator } from './emulator/index.js';
import { DEMO_TOKENS } from './emulator/state/demo-workspace.js';

async function main(): Promise<void> {
  const config = readConfig();
  let emulator: EmulatorHandle | undefined;
  let gateway: RunningGateway | undefined;
  const stop = async (): Promise<void> => {
    await gateway?.close();
    await emulator?.close();
  };

  try {
    let effective = config;
    if (config.embeddedEmulator) {
      emulator = await startEmulator({ port: 0, host: '127.0.0.1', workspace: 'demo' });
      effective = Object.freeze({
        ...config,
        slackApiUrl: emulator.url,
        defaultToken: DEMO_TOKENS.user,
        // The demo app's secret: the emulator signs its event deliveries with it.
        slackSigningSecret: DEFAULT_APP.signing_secret,
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
    } else if (effective.defaultToken === undefined) {
      console.log(
        `using ${effective.slackApiUrl} with no default token: send "Authorization: Bearer <token>"`,
      );
    } else {
      console.log(`using ${effective.slackApiUrl} with the token from the environment`);
    }
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
