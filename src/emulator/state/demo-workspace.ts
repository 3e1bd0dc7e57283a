import { DEFAULT_APP } from './default-app.js';
import { demoConversations } from './demo/conversations.js';
import { demoMessages } from './demo/messages.js';
import { PUBLIC_CHANNELS } from './demo/public-channels.js';
import { demoTeam } from './demo/team.js';
import { demoTokens } from './demo/tokens.js';
import { demoUsers } from './demo/users.js';
import type { WorkspaceFile } from './workspace-file.js';

export { DEMO_TOKENS } from './demo/tokens.js';

/**
 * Six public channels, one per round of `npm start`'s warm-up reads (src/main.ts); #general, the
 * channel GraphiQL's default query opens, is not among them.
 */
export const DEMO_WARM_UP_CONVERSATIONS: readonly string[] = PUBLIC_CHANNELS.slice(1, 7).map(
  (channel) => channel.id,
);

/**
 * The built-in demo workspace ("Acme Demo"): 26 users (Slackbot, people with admin, guest and
 * deactivated accounts, three bots), 47 channels (public, private, a legacy `G…` group,
 * archived, Slack Connect shared, pending and frozen ones) with topics, purposes,
 * `previous_names` and `properties`, 3 group DMs, 9 DMs, and about 830 messages of many subtypes
 * with threads. Deterministic: every call returns an equal, fresh object (no clock, no random).
 * Tokens are listed in DEMO_TOKENS.
 */
export function demoWorkspace(): WorkspaceFile {
  const users = demoUsers();
  const handles = new Map(users.map((user) => [user.id, user.name]));
  const conversations = demoConversations(handles);
  return {
    team: demoTeam(),
    users,
    tokens: demoTokens(),
    app: { ...DEFAULT_APP },
    conversations,
    messages: demoMessages(conversations),
  };
}
