/** The subscriber let more than its buffer of events pile up. */
export class BufferOverflowError extends Error {
  constructor(readonly capacity: number) {
    super(`more than ${capacity} events waited for a subscriber`);
    this.name = 'BufferOverflowError';
  }
}

/** The producing side of a bounded stream. */
export interface BoundedSink<T> {
  /** Hands `item` to the waiting consumer, or buffers it; false once the stream is closed. */
  push(item: T): boolean;
  /** No more items: the consumer reads what is buffered, then `done`. */
  end(): void;
  /** The consumer's next read throws `error` (the buffer is dropped). */
  fail(error: unknown): void;
}

/**
 * A stream that producers push into, synchronously, and the consumer drains at its own pace,
 * holding at most `capacity` undelivered items. One item more and the stream is cut: the buffer
 * is dropped, `onClose` and `onOverflow` run (to stop the producers and close the connection)
 * and the consumer's next read throws `BufferOverflowError`. So the publisher never waits for,
 * nor queues without bound behind, a slow subscriber. `onClose` runs once, however the stream
 * ends (overflow, `end`, `fail`, or the consumer's `return`).
 */
export function boundedStream<T>(
  capacity: number,
  onOverflow: () => void,
  onClose: () => void = () => {},
): { sink: BoundedSink<T>; stream: AsyncIterableIterator<T> } {
  const buffer: T[] = [];
  let waiting:
    | { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }
    | undefined;
  let failure: unknown;
  let closed = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const end = (): void => {
    close();
    if (buffer.length === 0) {
      waiting?.resolve({ value: undefined, done: true });
      waiting = undefined;
    }
  };
  const fail = (error: unknown): void => {
    if (closed) return;
    buffer.length = 0;
    close();
    if (waiting === undefined) failure = error;
    else waiting.reject(error);
    waiting = undefined;
  };

  const sink: BoundedSink<T> = {
    push(item) {
      if (closed) return false;
      if (waiting !== undefined) {
        const deliver = waiting;
        waiting = undefined;
        deliver.resolve({ value: item, done: false });
      } else if (buffer.length < capacity) {
        buffer.push(item);
      } else {
        fail(new BufferOverflowError(capacity));
        onOverflow();
        return false;
      }
      return true;
    },
    end,
    fail,
  };

  const stream: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => stream,
    next() {
      if (buffer.length > 0) {
        return Promise.resolve({ value: buffer.shift() as T, done: false });
      }
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    async return() {
      buffer.length = 0;
      end();
      return { value: undefined, done: true };
    },
  };
  return { sink, stream };
}
