import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway } from '../helpers/gateway.js';

/** A persisted-operations manifest of two example operations, as codegen writes one. */
async function manifest(): Promise<string> {
  const entries: Record<string, string> = {};
  for (const name of ['channel-page.graphql', 'set-topic.graphql']) {
    const document = await readFile(
      new URL(`../../examples/operations/${name}`, import.meta.url),
      'utf8',
    );
    entries[`sha256:${createHash('sha256').update(document).digest('hex')}`] = document;
  }
  const path = join(await mkdtemp(join(tmpdir(), 'scopes-')), 'persisted-documents.json');
  await writeFile(path, JSON.stringify(entries));
  return path;
}

describe('the start-up check of the default token against the persisted operations', () => {
  it("names the scopes the token lacks, from its auth.test answer's X-OAuth-Scopes", async () => {
    const gw = await startTestGateway({
      gatewayConfig: {
        frontends: { persistedOperationsManifest: await manifest() },
        slack: { defaultToken: SCENARIO_TOKENS.readOnly },
      },
    });
    try {
      // The read-only token holds channels:read only.
      expect(gw.gateway.missingScopes).toEqual([
        'channels:history',
        'channels:write.topic',
        'users:read',
      ]);
      expect(gw.emulatorCalls().calls).toEqual({ 'auth.test': 1 });
    } finally {
      await gw.close();
    }
  });

  it('finds nothing missing for a token with every scope, and skips the check without a manifest', async () => {
    const checked = await startTestGateway({
      gatewayConfig: {
        frontends: { persistedOperationsManifest: await manifest() },
        slack: { defaultToken: SCENARIO_TOKENS.alice },
      },
    });
    const unchecked = await startTestGateway({
      gatewayConfig: { slack: { defaultToken: SCENARIO_TOKENS.alice } },
    });
    try {
      expect(checked.gateway.missingScopes).toEqual([]);
      expect(unchecked.gateway.missingScopes).toBeUndefined();
      expect(unchecked.emulatorCalls().total).toBe(0);
    } finally {
      await checked.close();
      await unchecked.close();
    }
  });
});
