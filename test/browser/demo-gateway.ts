import { startGatewayProcess } from '../helpers/gateway-process.js';

export interface DemoGateway {
  /** e.g. `http://127.0.0.1:41234/graphql`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the gateway exactly as `npm start` does with nothing configured: the embedded emulator
 * with the demo workspace (demo mode), on a free port; resolves once it prints its URL.
 */
export async function startDemoGateway(): Promise<DemoGateway> {
  const gateway = await startGatewayProcess({ PORT: '0', HOST: '127.0.0.1' });
  return {
    url: gateway.url,
    async close() {
      await gateway.stop();
    },
  };
}
