import { type Plugin, useReadinessCheck } from 'graphql-yoga';

/** `GET /readyz`: 200 while the gateway takes traffic, 503 once it drains for shutdown. */
export const READY_PATH = '/readyz';

/** Whether the gateway should receive new traffic. */
export interface Readiness {
  isReady(): boolean;
  /** From now on `/readyz` answers 503 and responses ask clients to close their connection. */
  drain(): void;
}

export function createReadiness(): Readiness {
  let ready = true;
  return {
    isReady: () => ready,
    drain() {
      ready = false;
    },
  };
}

/**
 * Serves `/readyz` through yoga's readiness check (cheap, no Slack call: readiness is about this
 * process, and failing it when Slack is down would take every replica out at once), and while
 * draining marks each response `Connection: close`, so keep-alive clients reconnect to another
 * replica.
 * @see https://the-guild.dev/graphql/yoga-server/docs/features/health-check
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
export function useReadiness(readiness: Readiness): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useReadinessCheck({
          endpoint: READY_PATH,
          check: ({ fetchAPI }) =>
            new fetchAPI.Response(null, {
              status: readiness.isReady() ? 200 : 503,
              headers: { 'cache-control': 'no-store' },
            }),
        }),
      );
    },
    onResponse({ response }) {
      if (!readiness.isReady()) response.headers.set('connection', 'close');
    },
  };
}
