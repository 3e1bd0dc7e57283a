import { SlackApiError } from '../protocol/slack-api-error.js';
import type { MethodDefinition } from './method-definition.js';

/**
 * apps.connections.open: with the app-level `xapp-` token (scope `connections:write`), answers a
 * one-time WebSocket URL for Socket Mode. Slack's is `wss://wss-primary.slack.com/link/?ticket=…`;
 * the emulator's is plain `ws://` on its own host and port.
 * @see https://docs.slack.dev/reference/methods/apps.connections.open
 */
export const appsConnectionsOpen: MethodDefinition = {
  name: 'apps.connections.open',
  tier: 't1',
  tokenType: 'app',
  acceptsJson: true,
  acceptedScopes: ['connections:write'],
  handle(context) {
    if (context.socketMode === undefined) throw new SlackApiError('internal_error');
    return { url: context.socketMode.openUrl() };
  },
};
