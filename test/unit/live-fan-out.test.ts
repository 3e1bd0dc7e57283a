import { describe, expect, it } from 'vitest';
import { createLiveBus, type LiveBus } from '../../src/events/live-bus.js';
import type { LiveEvent } from '../../src/events/live-event.js';
import { boundedStream } from '../../src/graphql/subscriptions/bounded-stream.js';
import { fanOutOf } from '../../src/graphql/subscriptions/live-fan-out.js';

const message = (channel: string, ts: string): LiveEvent => ({
  type: 'messageAdded',
  channel,
  message: { type: 'message', ts, text: ts },
});

/** The in-process bus, counting its subscriptions (open now, and ever). */
function countingBus(): { bus: LiveBus; open: () => number; opened: () => number } {
  const inner = createLiveBus();
  let open = 0;
  let opened = 0;
  return {
    bus: {
      publish: (event) => inner.publish(event),
      subscribe(topic) {
        open += 1;
        opened += 1;
        const source = inner.subscribe(topic);
        const returnSource = source.return?.bind(source);
        source.return = (value) => {
          open -= 1;
          return returnSource?.(value) ?? Promise.resolve({ value: undefined, done: true });
        };
        return source;
      },
    },
    open: () => open,
    opened: () => opened,
  };
}

describe('live fan-out', () => {
  it('reads each topic once for all its subscribers and lets it go after the last', async () => {
    const { bus, open, opened } = countingBus();
    const fanOut = fanOutOf(bus);
    const subscribers = Array.from({ length: 50 }, () => boundedStream<LiveEvent>(8, () => {}));
    const stops = subscribers.map(({ sink }) => fanOut.listen({ conversation: 'C1' }, sink));
    const other = boundedStream<LiveEvent>(8, () => {});
    const stopOther = fanOut.listen({ conversation: 'C2' }, other.sink);
    expect([open(), opened()]).toEqual([2, 2]);

    bus.publish(message('C1', '1.0'));
    bus.publish(message('C2', '2.0'));
    for (const { stream } of subscribers) {
      expect((await stream.next()).value).toEqual(message('C1', '1.0'));
    }
    expect((await other.stream.next()).value).toEqual(message('C2', '2.0'));

    for (const stop of stops) stop();
    expect(open()).toBe(1);
    stopOther();
    expect(open()).toBe(0);
    // A later subscriber opens the topic again.
    const late = boundedStream<LiveEvent>(8, () => {});
    const stopLate = fanOut.listen({ conversation: 'C1' }, late.sink);
    bus.publish(message('C1', '3.0'));
    expect((await late.stream.next()).value).toEqual(message('C1', '3.0'));
    stopLate();
    expect([open(), opened()]).toEqual([0, 3]);
  });

  it('cuts off one slow subscriber without holding up the others', async () => {
    const { bus } = countingBus();
    const fanOut = fanOutOf(bus);
    let cut = false;
    const slow = boundedStream<LiveEvent>(
      2,
      () => {
        cut = true;
      },
      () => stopSlow(),
    );
    const stopSlow = fanOut.listen({ conversation: 'C1' }, slow.sink);
    const fast = boundedStream<LiveEvent>(100, () => {});
    fanOut.listen({ conversation: 'C1' }, fast.sink);
    for (let index = 0; index < 5; index += 1) bus.publish(message('C1', `${index}.0`));
    const seen: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const { value } = await fast.stream.next();
      if (value?.type === 'messageAdded') seen.push(value.message.ts);
    }
    expect(seen).toEqual(['0.0', '1.0', '2.0', '3.0', '4.0']);
    expect(cut).toBe(true);
  });
});
