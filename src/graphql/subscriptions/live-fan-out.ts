import type { LiveBus, LiveTopic } from '../../events/live-bus.js';
import type { LiveEvent } from '../../events/live-event.js';
import type { BoundedSink } from './bounded-stream.js';

type Listener = BoundedSink<LiveEvent>;

interface TopicEntry {
  listeners: Set<Listener>;
  source: AsyncIterableIterator<LiveEvent>;
}

/**
 * This process's subscribers of each bus topic. The bus is read once per topic, however many
 * subscribers listen, and each event is handed to every subscriber's buffer synchronously: a
 * thousand subscribers of one conversation cost one bus subscription, not a thousand (each its
 * own listener, queue and promise chain per event).
 */
export interface LiveFanOut {
  /** Pushes the events of `topic` published from now on into `listener`, until the returned stop. */
  listen(topic: LiveTopic, listener: Listener): () => void;
}

function keyOf(topic: LiveTopic): string {
  return 'conversation' in topic ? `conversation:${topic.conversation}` : topic.scope;
}

function createLiveFanOut(bus: LiveBus): LiveFanOut {
  const topics = new Map<string, TopicEntry>();

  const pump = async (key: string, entry: TopicEntry): Promise<void> => {
    try {
      for await (const event of entry.source) {
        for (const listener of entry.listeners) listener.push(event);
      }
      for (const listener of entry.listeners) listener.end();
    } catch (error) {
      for (const listener of entry.listeners) listener.fail(error);
    } finally {
      if (topics.get(key) === entry) topics.delete(key);
    }
  };

  return {
    listen(topic, listener) {
      const key = keyOf(topic);
      let entry = topics.get(key);
      if (entry === undefined) {
        const created: TopicEntry = { listeners: new Set(), source: bus.subscribe(topic) };
        entry = created;
        topics.set(key, created);
        // Reads at once, so the bus topic is open before this returns.
        void pump(key, created);
      }
      const current = entry;
      current.listeners.add(listener);
      return () => {
        current.listeners.delete(listener);
        if (current.listeners.size > 0 || topics.get(key) !== current) return;
        topics.delete(key);
        void current.source.return?.();
      };
    },
  };
}

const fanOuts = new WeakMap<LiveBus, LiveFanOut>();

/** The fan-out of `bus` (one per bus, so per process). */
export function fanOutOf(bus: LiveBus): LiveFanOut {
  let fanOut = fanOuts.get(bus);
  if (fanOut === undefined) {
    fanOut = createLiveFanOut(bus);
    fanOuts.set(bus, fanOut);
  }
  return fanOut;
}
