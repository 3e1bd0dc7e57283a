import type { WorkspaceApp } from './workspace-file.js';

/**
 * The app of the demo workspace, and of any workspace file without an `app` object. Public and
 * fixed: these secrets only mean something to the emulator and to a gateway pointed at it.
 */
export const DEFAULT_APP: Readonly<Required<WorkspaceApp>> = Object.freeze({
  id: 'A01ACMEAPP',
  signing_secret: 'demo-signing-secret-0123456789abcdef',
  app_token: 'xapp-1-A01ACMEAPP-1000000000001-demo',
  verification_token: 'demo-verification-token',
});

/** The workspace's app with every field filled in. */
export function resolveApp(app: WorkspaceApp | undefined): Required<WorkspaceApp> {
  if (app === undefined) return { ...DEFAULT_APP };
  return { verification_token: DEFAULT_APP.verification_token, ...app };
}
