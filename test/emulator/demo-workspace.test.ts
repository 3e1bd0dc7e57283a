import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS, demoWorkspace } from '../../src/emulator/state/demo-workspace.js';
import { validateWorkspaceFile } from '../../src/emulator/state/validate-workspace.js';
import type { WorkspaceConversation } from '../../src/emulator/state/workspace-file.js';

const demo = demoWorkspace();
const channels = demo.conversations.filter((c) => !c.is_im && !c.is_mpim);
const messages = Object.values(demo.messages ?? {}).flat();

function token(value: string) {
  const found = demo.tokens.find((t) => t.token === value);
  if (!found) throw new Error('token missing from the demo workspace');
  return found;
}

function privateMemberships(userId: string): string[] {
  return demo.conversations
    .filter((c) => c.is_private && c.members.includes(userId))
    .map((c) => c.id);
}

describe('the demo workspace', () => {
  it('is a valid workspace file', () => {
    expect(() => validateWorkspaceFile(structuredClone(demo))).not.toThrow();
  });

  it('is deterministic and returns a fresh object on every call', () => {
    const first = demoWorkspace();
    const second = demoWorkspace();
    expect(second).toEqual(first);
    first.conversations.pop();
    expect(demoWorkspace()).toEqual(second);
  });

  it('has at least 40 channels, private, legacy-group and archived ones among them', () => {
    expect(channels.length).toBeGreaterThanOrEqual(40);
    expect(channels.filter((c) => c.is_private).length).toBeGreaterThanOrEqual(3);
    expect(channels.filter((c) => c.is_archived).length).toBeGreaterThanOrEqual(3);
    expect(channels.some((c) => c.is_group && c.id.startsWith('G'))).toBe(true);
    expect(channels.filter((c) => c.is_general).map((c) => c.name)).toEqual(['general']);
  });

  it('has IMs and MPIMs, including a legacy G-prefixed group DM', () => {
    expect(demo.conversations.filter((c) => c.is_im).length).toBeGreaterThanOrEqual(5);
    const mpims = demo.conversations.filter((c) => c.is_mpim);
    expect(mpims.length).toBeGreaterThanOrEqual(2);
    expect(mpims.some((c) => c.is_group && c.name?.startsWith('mpdm-'))).toBe(true);
  });

  it('has at least 25 users, with bots, guests and a deactivated user', () => {
    expect(demo.users.length).toBeGreaterThanOrEqual(25);
    expect(demo.users.filter((u) => u.is_bot).length).toBeGreaterThanOrEqual(2);
    expect(demo.users.some((u) => u.deleted)).toBe(true);
    expect(demo.users.some((u) => u.is_restricted)).toBe(true);
    expect(demo.users.some((u) => u.id === 'USLACKBOT')).toBe(true);
  });

  it('has topics, purposes, previous names and properties with restrictions and tabs', () => {
    const withTopic = channels.filter((c) => c.topic?.value);
    expect(withTopic.length).toBeGreaterThanOrEqual(20);
    expect(channels.filter((c) => c.purpose?.value).length).toBeGreaterThanOrEqual(20);
    expect(channels.filter((c) => (c.previous_names ?? []).length > 0).length).toBeGreaterThan(2);
    const properties = channels.flatMap((c) => (c.properties ? [c.properties] : []));
    expect(properties.some((p) => p.posting_restricted_to?.type?.length)).toBe(true);
    expect(properties.some((p) => p.threads_restricted_to?.type?.length)).toBe(true);
    expect(
      properties.some((p) => p.tabs?.some((tab) => tab.data && tab.is_disabled === false)),
    ).toBe(true);
  });

  it('has threads with replies, a broadcast reply and messages of several subtypes', () => {
    const replies = messages.filter((m) => m.thread_ts !== undefined && m.thread_ts !== m.ts);
    expect(replies.length).toBeGreaterThanOrEqual(10);
    expect(replies.some((m) => m.subtype === 'thread_broadcast')).toBe(true);
    const subtypes = new Set(messages.map((m) => m.subtype).filter((s) => s !== undefined));
    for (const subtype of [
      'channel_join',
      'channel_topic',
      'channel_purpose',
      'channel_name',
      'channel_archive',
      'bot_message',
      'huddle_thread',
      'me_message',
    ]) {
      expect(subtypes).toContain(subtype);
    }
    expect(messages.some((m) => m.reactions)).toBe(true);
    expect(messages.some((m) => m.edited)).toBe(true);
  });

  it('keeps every channel message timestamp after the channel was created', () => {
    const byId = new Map<string, WorkspaceConversation>(demo.conversations.map((c) => [c.id, c]));
    for (const [id, list] of Object.entries(demo.messages ?? {})) {
      const created = byId.get(id)?.created ?? Number.POSITIVE_INFINITY;
      for (const message of list) expect(Number(message.ts.split('.')[0])).toBeGreaterThan(created);
    }
  });
});

describe('DEMO_TOKENS', () => {
  it('lists tokens that all exist in the demo workspace, each once', () => {
    const values = Object.values(DEMO_TOKENS);
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) expect(token(value).token).toBe(value);
  });

  it('gives the default user token every read and write scope of the four conversation types', () => {
    const scopes = token(DEMO_TOKENS.user).scopes;
    for (const type of ['channels', 'groups', 'im', 'mpim']) {
      for (const suffix of ['read', 'history', 'write', 'write.topic', 'write.invites']) {
        expect(scopes).toContain(`${type}:${suffix}`);
      }
    }
  });

  it('has a bot token with a bot ID acting as a bot user', () => {
    const bot = token(DEMO_TOKENS.bot);
    expect(DEMO_TOKENS.bot.startsWith('xoxb-')).toBe(true);
    expect(bot.bot_id).toMatch(/^B/);
    expect(demo.users.find((u) => u.id === bot.user_id)?.is_bot).toBe(true);
  });

  it('has a second user whose private memberships differ from the first', () => {
    const first = privateMemberships(token(DEMO_TOKENS.user).user_id);
    const second = privateMemberships(token(DEMO_TOKENS.secondUser).user_id);
    expect(second.some((id) => !first.includes(id))).toBe(true);
    expect(first.some((id) => !second.includes(id))).toBe(true);
  });

  it('has a limited, a revoked and an unlisted-app token', () => {
    expect(token(DEMO_TOKENS.limited).scopes).toEqual(['channels:read', 'users:read']);
    expect(token(DEMO_TOKENS.revoked).revoked).toBe(true);
    expect(token(DEMO_TOKENS.unlisted).app_distribution).toBe('unlisted');
  });

  it("has a read-only warm-up token of another user, whose scopes differ from the default token's", () => {
    const warmUp = token(DEMO_TOKENS.warmUp);
    expect(warmUp.user_id).not.toBe(token(DEMO_TOKENS.user).user_id);
    expect(warmUp.scopes.filter((scope) => /write/.test(scope))).toEqual([]);
    for (const type of ['channels', 'groups', 'im', 'mpim']) {
      expect(warmUp.scopes).toEqual(expect.arrayContaining([`${type}:read`, `${type}:history`]));
    }
    // Other scopes than the default token's: the gateway's shared user directory keeps them apart.
    expect([...warmUp.scopes].sort()).not.toEqual([...token(DEMO_TOKENS.user).scopes].sort());
  });
});
