import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * Changes made per run (about 0.25 s each); `LIVE_CHANGES=1000 npx vitest run
 * test/events/cache-consistency.test.ts` runs the 1,000 (docs/live.md has the figure).
 */
const CHANGES = Number(process.env.LIVE_CHANGES ?? 100);

const { general, random } = SCENARIO_IDS.conversations;
const CHANNELS = [general, random] as const;
const READERS = [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob] as const;

interface Expected {
  name: string;
  topic: string;
  purpose: string;
  members: Set<string>;
}

const READ = `query($id: ID!) { conversation(id: $id) {
  name topic { value } purpose { value }
  members(first: 50) { edges { node { id } } }
  messages(first: 1) { edges { node { subtype text } } }
} }`;

interface ReadBody {
  conversation: {
    name: string;
    topic: { value: string };
    purpose: { value: string };
    members: { edges: Array<{ node: { id: string } }> };
    messages: { edges: Array<{ node: { subtype: string | null; text: string } }> };
  };
}

describe('events keep the caches exact (randomized, through the emulator)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      liveEvents: true,
      gatewayConfig: { cache: { enabled: true, responsesEnabled: true } },
    });
  });
  afterAll(() => gw.close());

  async function slack(method: string, args: Record<string, string>, token: string) {
    const response = await fetch(`${gw.emulator.url}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new URLSearchParams(args),
    });
    return (await response.json()) as { ok: boolean; error?: string };
  }

  /** Waits (no clock) until the gateway has acknowledged every event emitted so far. */
  async function acknowledged(): Promise<void> {
    while (true) {
      const { emitted, delivered, invisible } = gw.emulator.eventStats();
      if (delivered >= emitted - invisible) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it(`${CHANGES} changes by other users: 0 reads older than an acknowledged event`, async () => {
    const expected = new Map<string, Expected>();
    for (const id of CHANNELS) {
      const { body } = await gw.graphql<ReadBody>(READ, { id });
      const conversation = body.data?.conversation as ReadBody['conversation'];
      expected.set(id, {
        name: conversation.name,
        topic: conversation.topic.value,
        purpose: conversation.purpose.value,
        members: new Set(conversation.members.edges.map((edge) => edge.node.id)),
      });
    }
    const change = fc.record({
      channel: fc.constantFrom(...CHANNELS),
      kind: fc.constantFrom('rename', 'topic', 'purpose', 'membership'),
      reader: fc.constantFrom(...READERS),
      n: fc.nat(1_000_000),
    });
    const changes = fc.sample(change, { numRuns: CHANGES, seed: 14 });
    let stale = 0;
    let reads = 0;
    for (const [index, { channel, kind, reader, n }] of changes.entries()) {
      const state = expected.get(channel) as Expected;
      // Someone else (carol, in both channels' audience) changes the conversation.
      // Someone else changes the conversation (bob, or carol for memberships); a change Slack
      // refuses (general cannot be renamed, nor left) leaves the expected state as it was.
      if (kind === 'rename') {
        const name = `${channel.toLowerCase()}-${index}-${n}`;
        const result = await slack('conversations.rename', { channel, name }, SCENARIO_TOKENS.bob);
        if (result.ok) state.name = name;
      } else if (kind === 'topic' || kind === 'purpose') {
        const value = `${kind} ${index}`;
        const method = kind === 'topic' ? 'conversations.setTopic' : 'conversations.setPurpose';
        const result = await slack(method, { channel, [kind]: value }, SCENARIO_TOKENS.bob);
        if (result.ok) state[kind] = value;
      } else {
        const carol = SCENARIO_IDS.users.carol;
        const joined = state.members.has(carol);
        const result = await slack(
          joined ? 'conversations.leave' : 'conversations.join',
          { channel },
          SCENARIO_TOKENS.withEmail,
        );
        if (result.ok) {
          if (joined) state.members.delete(carol);
          else state.members.add(carol);
        }
      }
      await acknowledged();
      // Both readers, the changer's channel and the other one (which must stay cached).
      for (const token of [reader, ...READERS.filter((other) => other !== reader)]) {
        for (const id of CHANNELS) {
          const { body } = await gw.graphql<ReadBody>(READ, { id }, { token });
          const seen = body.data?.conversation as ReadBody['conversation'];
          const want = expected.get(id) as Expected;
          reads += 1;
          const members = new Set(seen.members.edges.map((edge) => edge.node.id));
          if (
            seen.name !== want.name ||
            seen.topic.value !== want.topic ||
            seen.purpose.value !== want.purpose ||
            members.size !== want.members.size ||
            [...want.members].some((member) => !members.has(member))
          ) {
            stale += 1;
          }
        }
      }
    }
    expect(reads).toBe(CHANGES * 4);
    expect(stale).toBe(0);
    // And the cache still does its job: the unchanged channel was served without Slack.
    gw.resetEmulatorCalls();
    await gw.graphql(READ, { id: general });
    expect(gw.emulatorCalls().total).toBe(0);
  });
});
