import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { newMessages, writeHarness } from '../helpers/call-method.js';

const { alice, bob, carol, bot } = SCENARIO_IDS.users;
const TOKENS: Record<string, string> = {
  [alice]: SCENARIO_TOKENS.alice,
  [bob]: SCENARIO_TOKENS.bob,
  [bot]: SCENARIO_TOKENS.bot,
};
const ACTORS = [alice, bob, bot];
const TARGETS = [alice, bob, carol, bot];
const CHANNELS: readonly string[] = SCENARIO_IDS.conversations.extra.slice(0, 3);

type Op =
  | { kind: 'join' | 'leave'; actor: string; channel: string }
  | { kind: 'invite' | 'kick'; actor: string; target: string; channel: string };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('join' as const, 'leave' as const),
    actor: fc.constantFrom(...ACTORS),
    channel: fc.constantFrom(...CHANNELS),
  }),
  fc.record({
    kind: fc.constantFrom('invite' as const, 'kick' as const),
    actor: fc.constantFrom(...ACTORS),
    target: fc.constantFrom(...TARGETS),
    channel: fc.constantFrom(...CHANNELS),
  }),
);

/** What Slack answers for `op` given the current members: the error, or the member change. */
function expected(
  op: Op,
  members: ReadonlySet<string>,
): { error?: string; add?: string; remove?: string } {
  switch (op.kind) {
    case 'join':
      return members.has(op.actor) ? {} : { add: op.actor };
    case 'leave':
      if (!members.has(op.actor)) return {};
      return members.size === 1 ? { error: 'last_member' } : { remove: op.actor };
    case 'invite':
      if (!members.has(op.actor)) return { error: 'not_in_channel' };
      if (op.target === op.actor) return { error: 'cant_invite_self' };
      return members.has(op.target) ? { error: 'already_in_channel' } : { add: op.target };
    case 'kick':
      if (op.target === op.actor) return { error: 'cant_kick_self' };
      return members.has(op.target) ? { remove: op.target } : { error: 'not_in_channel' };
  }
}

describe('membership writes against a model', () => {
  it('keep members and join/leave messages consistent over any sequence of calls', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 40 }), (ops) => {
        const h = writeHarness();
        const model = new Map(
          CHANNELS.map((id) => [id, new Set(h.conversation(id).data.members)] as const),
        );
        const initialSize = new Map([...model].map(([id, members]) => [id, members.size]));
        for (const op of ops) {
          const members = model.get(op.channel) ?? new Set<string>();
          const outcome = expected(op, members);
          const args: Record<string, unknown> = { channel: op.channel };
          if (op.kind === 'invite') args.users = op.target;
          if (op.kind === 'kick') args.user = op.target;
          const body = h.call(`conversations.${op.kind}`, TOKENS[op.actor], args);
          expect(body.error).toBe(outcome.error);
          if (outcome.add) members.add(outcome.add);
          if (outcome.remove) members.delete(outcome.remove);
        }
        for (const id of CHANNELS) {
          const stored = h.conversation(id);
          const members = [...(model.get(id) ?? [])];
          expect(stored.data.members.toSorted()).toEqual(members.toSorted());
          const messages = newMessages(stored);
          const joins = messages.filter((m) => m.subtype === 'channel_join').length;
          const leaves = messages.filter((m) => m.subtype === 'channel_leave').length;
          expect((initialSize.get(id) ?? 0) + joins - leaves).toBe(members.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
