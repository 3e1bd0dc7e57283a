import { type RunningGateway, startGateway } from '../../src/app.js';
import { type ConfigOverrides, parseConfig, withOverrides } from '../../src/config.js';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import type { EmulatorConfig } from '../../src/emulator/emulator-config.js';
import { resolveApp } from '../../src/emulator/state/default-app.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import type { StatsSnapshot } from '../../src/emulator/stats.js';
import { rapidRetryPolicy } from '../../src/slack/retry.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from './emulator.js';

export interface TestGatewayOptions {
  /** The emulator's workspace. @default a fresh scenario workspace */
  workspace?: WorkspaceFile;
  /** Emulator config (faults, rate limits, latency…). */
  emulatorConfig?: Partial<EmulatorConfig>;
  /** The emulator's clock (its rate windows, `now`); real time by default. */
  emulatorClock?: () => number;
  /**
   * Gateway config overrides. `slack.apiUrl` always points at the emulator; by default there is
   * no `defaultToken`, retries are rapid, a Slack call times out after 2 s, and the governor and
   * the cross-request cache are off.
   */
  gatewayConfig?: ConfigOverrides;
  /**
   * The token `graphql()` sends when a call does not name one; `null` sends no Authorization.
   * @default SCENARIO_TOKENS.alice
   */
  token?: string | null;
  /**
   * The emulator delivers its events to the gateway's `/slack/events`, signed with the
   * workspace app's secret (the gateway is started with it). @default false
   */
  liveEvents?: boolean;
  /** Events held for a subscriber that is not reading. @default the gateway's (256) */
  subscriberBufferSize?: number;
  /** The gateway's circuit-breaker clock, e.g. one the test moves by hand. @default Date.now */
  circuitClock?: () => number;
  /** The Slack base URL the gateway calls, given the emulator's (e.g. a recording proxy's). */
  slackApiUrl?: (emulatorUrl: string) => string;
}

export interface GraphQLCallOptions {
  /** Sent as `Authorization: Bearer <token>`; `null` sends no header. @default the gateway's `token` */
  token?: string | null;
}

/** A GraphQL response body as the gateway sends it. */
export interface GraphQLBody<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    locations?: Array<{ line: number; column: number }>;
    extensions?: Record<string, unknown>;
  }>;
}

export interface TestGateway {
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  emulator: EmulatorHandle;
  gateway: RunningGateway;
  /** POSTs a JSON GraphQL request over a real socket. */
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: GraphQLCallOptions,
  ): Promise<{ status: number; body: GraphQLBody<TData> }>;
  /** Calls the emulator received so far, per Slack method. */
  emulatorCalls(): StatsSnapshot;
  resetEmulatorCalls(): void;
  close(): Promise<void>;
}

/**
 * Starts an emulator and the real gateway (config → client → yoga → node:http), both on
 * 127.0.0.1 with OS-picked ports. Close it in `afterAll`/`afterEach`.
 * @example
 * const gw = await startTestGateway();
 * const { body } = await gw.graphql('{ __typename }');
 * expect(gw.emulatorCalls().total).toBe(0);
 * await gw.close();
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const emulator = await startTestEmulator(
    options.workspace,
    options.emulatorConfig,
    options.emulatorClock,
  );
  const config = withOverrides(
    withOverrides(parseConfig({ LOG_LEVEL: 'silent' }), {
      slack: { timeoutMs: 2_000, maxRetryWaitMs: rapidRetryPolicy.maxTotalWaitMs },
      // Off unless a test asks: the emulator enforces no rate limits by default (so Slack's real
      // budgets would only slow tests down), and call-count assertions expect no cross-request cache.
      governor: { enabled: false },
      cache: { enabled: false },
      // Off unless a test asks, so that tests comparing whole response bodies stay exact.
      observability: { slackCostExposure: 'never' },
      // Not in demo mode: no CORS origin unless a test lists some.
      frontends: { corsOrigins: [] },
      events: {
        signingSecret: options.liveEvents
          ? resolveApp(options.workspace?.app).signing_secret
          : undefined,
      },
    }),
    options.gatewayConfig ?? {},
  );
  const pinned = withOverrides(config, {
    slack: { embeddedEmulator: false, apiUrl: options.slackApiUrl?.(emulator.url) ?? emulator.url },
    server: { port: 0, host: '127.0.0.1' },
  });
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(pinned, {
      retryPolicy: rapidRetryPolicy,
      subscriberBufferSize: options.subscriberBufferSize,
      circuitClock: options.circuitClock,
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  if (options.liveEvents) {
    emulator.configure({ eventsUrl: `${gateway.server.origin}/slack/events` });
    await emulator.eventsUrlVerified();
  }
  const defaultToken = options.token === undefined ? SCENARIO_TOKENS.alice : options.token;

  return {
    url: gateway.url,
    emulator,
    gateway,
    async graphql<TData>(
      query: string,
      variables?: Record<string, unknown>,
      callOptions: GraphQLCallOptions = {},
    ) {
      const token = callOptions.token === undefined ? defaultToken : callOptions.token;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLBody<TData>;
      return { status: response.status, body };
    },
    emulatorCalls: () => emulator.stats(),
    resetEmulatorCalls: () => emulator.resetStats(),
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
