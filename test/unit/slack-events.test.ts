import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventDedupe } from '../../src/events/event-dedupe.js';
import { tagsOfEvent, usersChangedBy } from '../../src/events/invalidation.js';
import { liveEventsOf } from '../../src/events/live-event.js';
import { checkSignature, signBody } from '../../src/events/signature.js';
import {
  BufferOverflowError,
  boundedStream,
} from '../../src/graphql/subscriptions/bounded-stream.js';
import { eventCallback } from '../helpers/slack-events.js';

const NOW = 1_700_000_000;

describe('v0 request signatures', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const body = Buffer.from('{"type":"event_callback"}');
  const signed = (timestamp: string) => ({
    timestamp,
    signature: signBody(secret, timestamp, body),
  });

  it('accepts a body signed with the secret within five minutes either way', () => {
    expect(checkSignature(signed(String(NOW)), body, secret, NOW)).toBeUndefined();
    expect(checkSignature(signed(String(NOW - 300)), body, secret, NOW)).toBeUndefined();
    expect(checkSignature(signed(String(NOW + 300)), body, secret, NOW)).toBeUndefined();
  });

  it('refuses stale or missing timestamps before hashing, and any changed byte', () => {
    expect(checkSignature(signed(String(NOW - 301)), body, secret, NOW)).toBe('stale');
    expect(checkSignature({ timestamp: null, signature: 'v0=1' }, body, secret, NOW)).toBe(
      'missing',
    );
    expect(checkSignature({ timestamp: '12a', signature: 'v0=1' }, body, secret, NOW)).toBe(
      'missing',
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (other) => {
        fc.pre(!Buffer.from(other).equals(body));
        return checkSignature(signed(String(NOW)), other, secret, NOW) === 'mismatch';
      }),
    );
    expect(checkSignature(signed(String(NOW)), body, `${secret}x`, NOW)).toBe('mismatch');
  });
});

describe('event_id dedupe', () => {
  it('remembers an id until its TTL, and never more ids than its bound', () => {
    let now = 0;
    const dedupe = createEventDedupe({ maxEntries: 3, ttlMs: 1_000, now: () => now });
    expect(dedupe.firstSighting('a')).toBe(true);
    expect(dedupe.firstSighting('a')).toBe(false);
    now = 1_001;
    expect(dedupe.firstSighting('a')).toBe(true);
    for (const id of ['b', 'c', 'd', 'e']) dedupe.firstSighting(id);
    expect(dedupe.size).toBe(3);
  });
});

describe('tagsOfEvent (what each event contradicts)', () => {
  const C = 'C1';
  it('maps messages to history, info and their thread', () => {
    expect(tagsOfEvent({ type: 'message', channel: C, ts: '1.1' })).toEqual([
      'history:C1',
      'info:C1',
      'thread:C1:1.1',
    ]);
    expect(tagsOfEvent({ type: 'message', channel: C, ts: '2.2', thread_ts: '1.1' })).toEqual([
      'history:C1',
      'info:C1',
      'thread:C1:1.1',
    ]);
    expect(
      tagsOfEvent({
        type: 'message',
        subtype: 'message_deleted',
        channel: C,
        deleted_ts: '3.3',
        previous_message: { type: 'message', ts: '3.3', text: '', thread_ts: '1.1' },
      }),
    ).toEqual(['history:C1', 'info:C1', 'thread:C1:1.1', 'thread:C1:3.3']);
    expect(
      tagsOfEvent({ type: 'message', subtype: 'channel_topic', channel: C, ts: '4.4' }),
    ).toContain('lists');
  });

  it('maps membership, renames, deletions, users and unknown events', () => {
    expect(tagsOfEvent({ type: 'member_joined_channel', channel: C, user: 'U1' })).toEqual([
      'members:C1',
      'info:C1',
      'lists',
    ]);
    expect(tagsOfEvent({ type: 'channel_rename', channel: { id: C, name: 'n' } })).toEqual([
      'info:C1',
      'lists',
    ]);
    expect(tagsOfEvent({ type: 'channel_deleted', channel: C })).toEqual(['conv:C1', 'lists']);
    expect(tagsOfEvent({ type: 'user_change', user: { id: 'U1' } })).toEqual(['user:U1', 'users']);
    expect(tagsOfEvent({ type: 'team_join', user: { id: 'U2' } })).toEqual(['user:U2', 'users']);
    expect(usersChangedBy({ type: 'user_change', user: { id: 'U1' } })).toEqual(['U1']);
    expect(usersChangedBy({ type: 'member_joined_channel', user: 'U1', channel: C })).toEqual([]);
    expect(tagsOfEvent({ type: 'tokens_revoked', tokens: { oauth: ['U1'] } })).toEqual([]);
    expect(tagsOfEvent({ type: 'group_history_changed', ts: '1.0' })).toEqual(['histories']);
    expect(tagsOfEvent({ type: 'app_uninstalled' })).toEqual(['all']);
    expect(tagsOfEvent({ type: 'app_home_opened', channel: C })).toEqual([]);
  });
});

describe('liveEventsOf', () => {
  it('reports a topic change both as a message and as a conversation change', () => {
    const events = liveEventsOf(
      eventCallback({
        type: 'message',
        subtype: 'channel_topic',
        channel: 'C1',
        ts: '1.1',
        user: 'U1',
        topic: 'New',
        text: 'set the topic',
      }),
    );
    expect(events.map((event) => event.type)).toEqual(['messageAdded', 'conversationChanged']);
    expect(events[1]).toMatchObject({ kind: 'TOPIC_CHANGED', value: 'New', user: 'U1' });
  });

  it('reports a join once (member_joined_channel), its channel_join message as a message', () => {
    const join = liveEventsOf(
      eventCallback({ type: 'member_joined_channel', channel: 'C1', user: 'U2' }),
    );
    expect(join).toEqual([
      { type: 'conversationChanged', channel: 'C1', kind: 'MEMBER_JOINED', user: 'U2' },
    ]);
    const message = liveEventsOf(
      eventCallback({
        type: 'message',
        subtype: 'channel_join',
        channel: 'C1',
        ts: '1.2',
        user: 'U2',
      }),
    );
    expect(message.map((event) => event.type)).toEqual(['messageAdded']);
  });
});

describe('boundedStream', () => {
  it('passes everything to a consumer that keeps up', async () => {
    const { sink, stream } = boundedStream<number>(4, () => {});
    const seen: number[] = [];
    const reading = (async () => {
      for await (const value of stream) seen.push(value);
    })();
    for (let index = 0; index < 50; index += 1) {
      sink.push(index);
      // The consumer takes each one before the next arrives.
      await new Promise((resolve) => setImmediate(resolve));
    }
    sink.end();
    await reading;
    expect(seen).toHaveLength(50);
  });

  it('hands the buffered items over before it ends', async () => {
    const { sink, stream } = boundedStream<number>(4, () => {});
    sink.push(1);
    sink.push(2);
    sink.end();
    expect(sink.push(3)).toBe(false);
    const seen: number[] = [];
    for await (const value of stream) seen.push(value);
    expect(seen).toEqual([1, 2]);
  });

  it('cuts off a consumer that falls more than its capacity behind', async () => {
    let cut = 0;
    let closed = 0;
    const { sink, stream } = boundedStream<number>(
      8,
      () => {
        cut += 1;
      },
      () => {
        closed += 1;
      },
    );
    let accepted = 0;
    while (sink.push(accepted)) accepted += 1;
    expect(accepted).toBe(8);
    expect([cut, closed]).toEqual([1, 1]);
    await expect(stream.next()).rejects.toBeInstanceOf(BufferOverflowError);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('closes once when the consumer leaves', async () => {
    let closed = 0;
    const { sink, stream } = boundedStream<number>(
      8,
      () => {},
      () => {
        closed += 1;
      },
    );
    const pending = stream.next();
    await stream.return?.();
    await stream.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(sink.push(1)).toBe(false);
    expect(closed).toBe(1);
  });
});
