import { startGatewayProcess } from '../helpers/gateway-process.js';

export interface DemoGateway {
  /** e.g. `http://127.0.0.1:41234/graphql`. */
  url: string;
  /** The embedded emulator's `…/api/` base URL, as the gateway prints it. */
  emulatorUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the gateway exactly as `npm start` does with nothing configured: the embedded emulator
 * with the demo workspace (demo mode), on a free port; resolves once it prints its URL.
 */
export async function startDemoGateway(): Promise<DemoGateway> {
  const gateway = await startGatewayProcess({ PORT: '0', HOST: '127.0.0.1' });
  const emulatorUrl = /embedded Slack emulator \(demo workspace\) at (http:\/\/\S+\/api\/)/.exec(
    gateway.output(),
  )?.[1];
  if (emulatorUrl === undefined) {
    await gateway.stop();
    throw new Error(`the demo gateway did not print its emulator URL:\n${gateway.output()}`);
  }
  return {
    url: gateway.url,
    emulatorUrl,
    async close() {
      await gateway.stop();
    },
  };
}
