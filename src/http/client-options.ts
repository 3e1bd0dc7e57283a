import type { Config } from '../config.js';
import { loadPersistedDocuments } from './persisted-documents.js';
import type { ClientOptions } from './yoga.js';

/**
 * What the config says about frontends: the persisted-documents manifest (read once at start, so
 * a bad file fails the start, not the first request) and, in demo mode only, the demo token
 * GraphiQL pre-fills.
 */
export async function loadClientOptions({
  frontends,
  slack,
}: Pick<Config, 'frontends' | 'slack'>): Promise<ClientOptions> {
  const path = frontends.persistedOperationsManifest;
  return {
    persisted:
      path === undefined
        ? undefined
        : { mode: frontends.persistedOperations, documents: await loadPersistedDocuments(path) },
    demoToken: slack.embeddedEmulator ? slack.defaultToken : undefined,
  };
}
