import type { WorkspaceToken } from '../workspace-file.js';
import { BOT_IDS, U } from './users.js';

/**
 * The demo workspace's tokens. They are fixed, public and only mean something to the emulator;
 * `user` is the gateway's default token when it runs against the built-in emulator.
 */
export const DEMO_TOKENS = {
  /** Alice (primary owner): every user scope. */
  user: 'xoxp-demo-alice',
  /** The Acme App bot user: bot scopes, member of a few channels only. */
  bot: 'xoxb-demo-acmebot',
  /** Bob (admin): every user scope, but other private channels, IMs and MPIMs than Alice. */
  secondUser: 'xoxp-demo-bob',
  /** Carol: `channels:read` and `users:read` only (public channels, no history, no writes). */
  limited: 'xoxp-demo-carol-limited',
  /** Dave's revoked token: every call answers `token_revoked`. */
  revoked: 'xoxp-demo-dave-revoked',
  /** Erin, as a non-Marketplace app distributed outside the workspace (the 2025 history limits). */
  unlisted: 'xoxp-demo-erin-unlisted',
  /**
   * Frank, read-only (`read` and `history` of every type, `users:read`, `team:read`): the token of
   * `npm start`'s warm-up reads (src/main.ts), so they touch no budget, cache or user directory
   * keyed by the default token's scopes.
   */
  warmUp: 'xoxp-demo-frank-warm-up',
} as const;

const TYPES = ['channels', 'groups', 'im', 'mpim'] as const;

const USER_SCOPES = [
  ...TYPES.flatMap((type) => [
    `${type}:read`,
    `${type}:history`,
    `${type}:write`,
    `${type}:write.topic`,
    `${type}:write.invites`,
  ]),
  'users:read',
  'users:read.email',
  'team:read',
  'chat:write',
];

const READ_AND_HISTORY = TYPES.flatMap((type) => [`${type}:read`, `${type}:history`]);

const READ_SCOPES = [...READ_AND_HISTORY, 'users:read', 'team:read'];

const BOT_SCOPES = [
  ...READ_AND_HISTORY,
  'channels:manage',
  'channels:join',
  'channels:write.topic',
  'channels:write.invites',
  'groups:write',
  'groups:write.topic',
  'groups:write.invites',
  'im:write',
  'mpim:write',
  'users:read',
  'team:read',
  'chat:write',
];

export function demoTokens(): WorkspaceToken[] {
  return [
    { token: DEMO_TOKENS.user, user_id: U.alice, scopes: [...USER_SCOPES] },
    {
      token: DEMO_TOKENS.bot,
      user_id: U.acmebot,
      bot_id: BOT_IDS.acmebot,
      scopes: [...BOT_SCOPES],
    },
    { token: DEMO_TOKENS.secondUser, user_id: U.bob, scopes: [...USER_SCOPES] },
    { token: DEMO_TOKENS.limited, user_id: U.carol, scopes: ['channels:read', 'users:read'] },
    { token: DEMO_TOKENS.revoked, user_id: U.dave, scopes: [...USER_SCOPES], revoked: true },
    {
      token: DEMO_TOKENS.unlisted,
      user_id: U.erin,
      scopes: [...USER_SCOPES],
      app_distribution: 'unlisted',
    },
    { token: DEMO_TOKENS.warmUp, user_id: U.frank, scopes: [...READ_SCOPES] },
  ];
}
