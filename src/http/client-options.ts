import type { Config } from '../config.js';
import { loadPersistedDocuments } from './persisted-documents.js';
import type { ClientOptions } from './yoga.js';

/**
 * What the config says about frontends: the persisted-documents manifest (read once at start, so
 * a bad file fails the start, not the first request) and, in demo mode only, the demo token
 * GraphiQL pre-fills.
 */
export async function loadClientOptions(
  config: Pick<
    Config,
    'persistedOperations' | 'persistedOperationsManifest' | 'embeddedEmulator' | 'defaultToken'
  >,
): Promise<ClientOptions> {
  const path = config.persistedOperationsManifest;
  return {
    persisted:
      path === undefined
        ? undefined
        : { mode: config.persistedOperations, documents: await loadPersistedDocuments(path) },
    demoToken: config.embeddedEmulator ? config.defaultToken : undefined,
  };
}
