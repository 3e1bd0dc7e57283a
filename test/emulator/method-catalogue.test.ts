import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/emulator/methods/registry.js';

/**
 * Tier, JSON support (`json_input_supported`) and the union of bot and user scopes of every
 * method, as Slack's method catalogue (shared/slack-api/methods/*.json) lists them; the chat.*
 * methods, which that catalogue lacks, as Slack's method pages list them (Tier 3; chat.postMessage
 * has its own "special" limit).
 */
const CATALOGUE: readonly (readonly [string, string, boolean, string])[] = [
  ['api.test', 't4', true, ''],
  ['apps.connections.open', 't1', true, 'connections:write'],
  ['auth.test', 'special', true, ''],
  ['chat.delete', 't3', true, 'chat:write,chat:write:bot,chat:write:user'],
  [
    'chat.postMessage',
    'special',
    true,
    'chat:write,chat:write.public,chat:write:bot,chat:write:user',
  ],
  ['chat.update', 't3', true, 'chat:write,chat:write:bot,chat:write:user'],
  [
    'conversations.archive',
    't2',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  [
    'conversations.close',
    't2',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  [
    'conversations.create',
    't2',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  ['conversations.history', 't3', true, 'channels:history,groups:history,im:history,mpim:history'],
  ['conversations.info', 't3', false, 'channels:read,groups:read,im:read,mpim:read'],
  [
    'conversations.invite',
    't3',
    true,
    'channels:manage,channels:write,channels:write.invites,groups:write,groups:write.invites,im:write,mpim:write',
  ],
  ['conversations.join', 't3', true, 'channels:join,channels:write'],
  ['conversations.kick', 't3', true, 'channels:manage,channels:write,groups:write'],
  [
    'conversations.leave',
    't3',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  ['conversations.list', 't2', false, 'channels:read,groups:read,im:read,mpim:read'],
  [
    'conversations.mark',
    't3',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  ['conversations.members', 't4', false, 'channels:read,groups:read,im:read,mpim:read'],
  [
    'conversations.open',
    't3',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  [
    'conversations.rename',
    't2',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  ['conversations.replies', 't3', false, 'channels:history,groups:history,im:history,mpim:history'],
  [
    'conversations.setPurpose',
    't2',
    true,
    'channels:manage,channels:write,channels:write.topic,groups:write,groups:write.topic,im:write,im:write.topic,mpim:write,mpim:write.topic',
  ],
  [
    'conversations.setTopic',
    't2',
    true,
    'channels:manage,channels:write,channels:write.topic,groups:write,groups:write.topic,im:write,im:write.topic,mpim:write,mpim:write.topic',
  ],
  [
    'conversations.unarchive',
    't2',
    true,
    'channels:manage,channels:write,groups:write,im:write,mpim:write',
  ],
  ['team.info', 't3', true, 'team:read'],
  ['users.conversations', 't3', false, 'channels:read,groups:read,im:read,mpim:read'],
  ['users.info', 't4', false, 'users:read'],
  ['users.list', 't2', false, 'users:read'],
];

describe('the method table', () => {
  it('serves exactly the catalogued methods', () => {
    expect([...METHODS.keys()].sort()).toEqual(CATALOGUE.map(([name]) => name).sort());
  });

  it.each(CATALOGUE)('gives %s tier %s, JSON %s and the scopes %s', (name, tier, json, scopes) => {
    const definition = METHODS.get(name);
    expect(definition?.tier).toBe(tier);
    expect(definition?.acceptsJson).toBe(json);
    expect([...(definition?.acceptedScopes ?? [])].sort().join(',')).toBe(scopes);
  });
});
