import type { SlackConversationType } from '../../slack/wire-types.js';

/**
 * The family of access a method needs on a conversation. Slack decides the needed scope by the
 * type of the conversation touched (public → `channels:*`, private → `groups:*`, DM → `im:*`,
 * group DM → `mpim:*`) and by token kind (bots `channels:manage`, users `channels:write`).
 * @see docs/slack-behaviour.md#scopes and #who-sees-what
 */
export type AccessKind = 'read' | 'history' | 'write' | 'topic' | 'invite' | 'join';

const PREFIX: Record<SlackConversationType, string> = {
  public_channel: 'channels',
  private_channel: 'groups',
  im: 'im',
  mpim: 'mpim',
};

const ACCESS_KINDS: readonly AccessKind[] = ['read', 'history', 'write', 'topic', 'invite', 'join'];

type ScopeTable = Record<
  SlackConversationType,
  Record<AccessKind, [user: string[], bot: string[]]>
>;

/** Every answer, built once: the lookup runs on every call that touches a conversation. */
const TABLE = Object.fromEntries(
  (Object.keys(PREFIX) as SlackConversationType[]).map((type) => [
    type,
    Object.fromEntries(
      ACCESS_KINDS.map((access) => [
        access,
        [scopesFor(type, access, false), scopesFor(type, access, true)],
      ]),
    ),
  ]),
) as ScopeTable;

/**
 * Scopes any one of which grants `access` on a conversation of `type`, most specific first
 * (the first one is what Slack reports as `needed`).
 */
export function acceptedScopes(
  type: SlackConversationType,
  access: AccessKind,
  isBot: boolean,
): readonly string[] {
  return TABLE[type][access][isBot ? 1 : 0];
}

function scopesFor(type: SlackConversationType, access: AccessKind, isBot: boolean): string[] {
  const prefix = PREFIX[type];
  const publicWrite = isBot ? 'channels:manage' : 'channels:write';
  const write = type === 'public_channel' ? publicWrite : `${prefix}:write`;
  switch (access) {
    case 'read':
      return [`${prefix}:read`];
    case 'history':
      return [`${prefix}:history`];
    case 'write':
      return type === 'public_channel' && isBot ? [publicWrite, 'channels:write'] : [write];
    case 'topic':
      return [`${prefix}:write.topic`, write];
    case 'invite':
      return [write, `${prefix}:write.invites`];
    case 'join':
      return isBot ? ['channels:join'] : ['channels:write'];
  }
}
