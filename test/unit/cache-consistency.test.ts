import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCachingSlackApi } from '../../src/cache/caching-slack-api.js';
import { createMemoryStore } from '../../src/cache/memory-store.js';
import type { SlackMethod } from '../../src/slack/methods.js';
import type { SlackApi, SlackArgs } from '../../src/slack/slack-api.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackEnvelope } from '../../src/slack/wire-types.js';

const CHANNELS = ['C1', 'C2', 'C3'];
const FIELD_WRITES: SlackMethod[] = [
  'conversations.setTopic',
  'conversations.rename',
  'conversations.mark',
];
const STRUCTURAL_WRITES: SlackMethod[] = [
  'conversations.archive',
  'conversations.leave',
  'conversations.join',
  'conversations.kick',
];
const READS: SlackMethod[] = [
  'conversations.info',
  'conversations.members',
  'conversations.history',
  'conversations.list',
  'users.conversations',
];

/**
 * A model workspace: each conversation has a revision (bumped by every write), a row revision
 * (what list rows show: bumped by every write but conversations.mark, whose read cursor only
 * conversations.info shows) and a flag telling whether list pages show it (flipped by
 * structural writes).
 */
class ModelSlack implements SlackApi {
  readonly revision = new Map(CHANNELS.map((id) => [id, 0]));
  readonly rowRevision = new Map(CHANNELS.map((id) => [id, 0]));
  readonly listed = new Set(CHANNELS);

  call<T extends SlackEnvelope>(method: SlackMethod, args: SlackArgs): Promise<T> {
    const channel = String(args.channel);
    if (!READS.includes(method)) {
      this.revision.set(channel, (this.revision.get(channel) ?? 0) + 1);
      if (method !== 'conversations.mark') {
        this.rowRevision.set(channel, (this.rowRevision.get(channel) ?? 0) + 1);
      }
      if (STRUCTURAL_WRITES.includes(method)) {
        if (this.listed.has(channel)) this.listed.delete(channel);
        else this.listed.add(channel);
      }
      return Promise.resolve({ ok: true } as T);
    }
    if (method === 'conversations.list' || method === 'users.conversations') {
      const channels = CHANNELS.filter((id) => this.listed.has(id)).map((id) => ({
        id,
        revision: this.rowRevision.get(id),
      }));
      return Promise.resolve({ ok: true, channels } as unknown as T);
    }
    return Promise.resolve({ ok: true, revision: this.revision.get(channel) } as unknown as T);
  }
}

const operation = fc.oneof(
  fc.record({
    kind: fc.constant('read' as const),
    method: fc.constantFrom(...READS),
    channel: fc.constantFrom(...CHANNELS),
    token: fc.constantFrom('xoxp-a', 'xoxp-b', 'xoxb-c'),
  }),
  fc.record({
    kind: fc.constant('write' as const),
    method: fc.constantFrom(...FIELD_WRITES, ...STRUCTURAL_WRITES),
    channel: fc.constantFrom(...CHANNELS),
    token: fc.constantFrom('xoxp-a', 'xoxp-b', 'xoxb-c'),
  }),
);

describe('cache consistency', () => {
  it('after any sequence of reads and writes by any tokens, every read sees the current state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 60 }), async (operations) => {
        const slack = new ModelSlack();
        const api = createCachingSlackApi(slack, { store: createMemoryStore() });
        for (const op of operations) {
          const isList = op.method === 'conversations.list' || op.method === 'users.conversations';
          const answer = await api.call<SlackEnvelope & Record<string, unknown>>(
            op.method,
            isList ? { limit: 100 } : { channel: op.channel },
            new SlackToken(op.token),
          );
          if (op.kind === 'write') continue;
          if (Array.isArray(answer.channels)) {
            const expected = CHANNELS.filter((id) => slack.listed.has(id)).map((id) => ({
              id,
              revision: slack.rowRevision.get(id),
            }));
            expect(answer.channels).toEqual(expected);
          } else {
            expect(answer.revision).toBe(slack.revision.get(op.channel));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
