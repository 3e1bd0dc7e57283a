import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../src/emulator/emulator-config.js';
import { SeededRandom } from '../../src/emulator/limits/faults.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  callsOf,
  conversationsNamed,
  emulatorHistory,
  mutate,
  topLevelCode,
} from '../helpers/mutations.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;
const [project1 = '', , , project4 = ''] = C.extra;

/** Faults that leave the outcome of a write unknown to the gateway. */
const LOST_ANSWERS: readonly FaultKind[] = ['http_500', 'reset', 'timeout', 'malformed_json'];

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A gateway whose emulator injects `kind` into `rate` of the calls to `method`. */
async function faulty(method: string, kind: FaultKind, rate: number, seed = 1) {
  gw = await startTestGateway({
    emulatorConfig: { faults: [{ method, kind, rate }], seed },
    // Short attempts, so `timeout` faults cost little; the emulator never answers those.
    gatewayConfig: { slack: { timeoutMs: 250 } },
  });
  return gw;
}

/**
 * A seed with which the emulator faults the first call of the faulted method and answers the
 * second (one rule, so each call of that method draws once from the seeded PRNG).
 */
function seedFaultingOnlyTheFirstCall(rate: number): number {
  for (let seed = 1; seed < 10_000; seed++) {
    const random = new SeededRandom(seed);
    if (random.next() < rate && random.next() >= rate) return seed;
  }
  throw new Error('no such seed');
}

const CREATED = '... on CreateConversationPayload { conversation { id name isMember } }';

describe('createConversation never creates two channels', () => {
  it.each(LOST_ANSWERS.filter((kind) => kind !== 'malformed_json'))(
    'gives up with UPSTREAM_UNAVAILABLE when every attempt is lost to %s, having created nothing',
    async (kind) => {
      const g = await faulty('conversations.create', kind, 1);
      const { body } = await g.graphql(
        'mutation { createConversation(input: { name: "lost-room" }) { __typename } }',
      );
      expect(topLevelCode(body)).toBe('UPSTREAM_UNAVAILABLE');
      // The first attempt and exactly one repeat: a repeat of create is safe because names are
      // unique (it answers name_taken if the first attempt took effect).
      expect(callsOf(g, 'conversations.create')).toBe(2);
      expect(await conversationsNamed(g, 'lost-room')).toHaveLength(0);
    },
  );

  it('recognises its own channel when Slack created it but every answer was garbled', async () => {
    const g = await faulty('conversations.create', 'malformed_json', 1);
    const result = await mutate(g, 'createConversation', { name: 'garbled-room' }, CREATED);
    const channels = await conversationsNamed(g, 'garbled-room');
    expect(channels).toHaveLength(1);
    expect(result).toEqual({
      __typename: 'CreateConversationPayload',
      conversation: { id: channels[0]?.id, name: 'garbled-room', isMember: true },
    });
    expect(callsOf(g, 'conversations.create')).toBe(2);
  });

  it.each([...LOST_ANSWERS, 'ratelimited' as const])(
    'creates exactly one channel when only the first attempt is lost to %s',
    async (kind) => {
      const g = await faulty('conversations.create', kind, 0.5, seedFaultingOnlyTheFirstCall(0.5));
      const result = await mutate(g, 'createConversation', { name: 'second-try' }, CREATED);
      const channels = await conversationsNamed(g, 'second-try');
      expect(channels).toHaveLength(1);
      expect(result).toMatchObject({ conversation: { id: channels[0]?.id, name: 'second-try' } });
      expect(callsOf(g, 'conversations.create')).toBe(2);
    },
  );

  it('still answers NameTakenError for a name that was taken before, after a lost answer', async () => {
    const g = await faulty('conversations.create', 'reset', 0.5, seedFaultingOnlyTheFirstCall(0.5));
    const result = await mutate(g, 'createConversation', { name: 'random' }, '');
    expect(result).toMatchObject({ __typename: 'NameTakenError', code: 'name_taken' });
  });

  it.each(['http_500', 'reset', 'malformed_json'] as const)(
    'never leaves two channels of one name under random %s faults',
    async (kind) => {
      const g = await faulty('conversations.create', kind, 0.5, 7);
      const outcomes = new Set<string>();
      for (let index = 0; index < 12; index++) {
        const name = `room-${index}`;
        const { body } = await g.graphql<{ result: { __typename: string } }>(
          'mutation($name: String!) { result: createConversation(input: { name: $name }) { __typename } }',
          { name },
        );
        const count = (await conversationsNamed(g, name)).length;
        outcomes.add(body.data?.result.__typename ?? 'error');
        if (body.data?.result.__typename === 'CreateConversationPayload') expect(count).toBe(1);
        else {
          expect(topLevelCode(body)).toBe('UPSTREAM_UNAVAILABLE');
          expect(count).toBe(0);
        }
      }
      // A garbled answer still means Slack created the channel, which the gateway then finds.
      const expected =
        kind === 'malformed_json'
          ? ['CreateConversationPayload']
          : ['CreateConversationPayload', 'error'];
      expect([...outcomes].sort()).toEqual(expected);
    },
  );
});

describe('other writes after a lost answer', () => {
  it('does not repeat setTopic whose effect is already there (no second topic message)', async () => {
    const g = await faulty('conversations.setTopic', 'malformed_json', 1);
    const result = await mutate(
      g,
      'setConversationTopic',
      { id: C.general, topic: 'once' },
      '... on SetConversationTopicPayload { conversation { topic { value } } }',
    );
    expect(result).toMatchObject({ conversation: { topic: { value: 'once' } } });
    expect(callsOf(g, 'conversations.setTopic')).toBe(1);
    const topics = (await emulatorHistory(g, C.general)).filter(
      (m) => m.subtype === 'channel_topic',
    );
    expect(topics.map((m) => m.topic)).toEqual(['once']);
  });

  it('repeats setTopic once when the check shows it did not happen', async () => {
    const g = await faulty(
      'conversations.setTopic',
      'http_500',
      0.5,
      seedFaultingOnlyTheFirstCall(0.5),
    );
    const result = await mutate(
      g,
      'setConversationTopic',
      { id: C.general, topic: 'twice sent' },
      '... on SetConversationTopicPayload { conversation { topic { value } } }',
    );
    expect(result).toMatchObject({ conversation: { topic: { value: 'twice sent' } } });
    expect(callsOf(g, 'conversations.setTopic')).toBe(2);
    const topics = (await emulatorHistory(g, C.general)).filter(
      (m) => m.subtype === 'channel_topic',
    );
    expect(topics).toHaveLength(1);
  });

  it('reports UPSTREAM_UNAVAILABLE, with no effect, when setTopic never reaches Slack', async () => {
    const g = await faulty('conversations.setTopic', 'reset', 1);
    const { body } = await g.graphql(
      'mutation { setConversationTopic(input: { id: "C0GENERAL", topic: "never" }) { __typename } }',
    );
    expect(topLevelCode(body)).toBe('UPSTREAM_UNAVAILABLE');
    const topics = (await emulatorHistory(g, C.general)).filter(
      (m) => m.subtype === 'channel_topic',
    );
    expect(topics).toHaveLength(0);
  });

  it.each([
    ['archiveConversation', 'conversations.archive', { id: project1 }, 'channel_archive'],
    ['joinConversation', 'conversations.join', { id: project4 }, 'channel_join'],
    [
      'inviteToConversation',
      'conversations.invite',
      { id: project1, users: [U.bob] },
      'channel_join',
    ],
    ['kickFromConversation', 'conversations.kick', { id: C.random, user: U.bob }, 'channel_leave'],
    ['leaveConversation', 'conversations.leave', { id: C.random }, 'channel_leave'],
    [
      'renameConversation',
      'conversations.rename',
      { id: project1, name: 'renamed' },
      'channel_name',
    ],
  ])(
    '%s settles a repeat after a garbled answer with exactly one effect',
    async (field, method, input, subtype) => {
      const g = await faulty(method, 'malformed_json', 0.5, seedFaultingOnlyTheFirstCall(0.5));
      const result = await mutate(g, field, input, '');
      expect(result.__typename).toMatch(/Payload$/);
      const id = String(input.id);
      const effects = (await emulatorHistory(g, id)).filter((m) => m.subtype === subtype);
      // Joins of the scenario's original members are not messages in its history.
      expect(effects).toHaveLength(1);
    },
  );
});
