/** The subscriber let more than its buffer of events pile up. */
export class BufferOverflowError extends Error {
  constructor(readonly capacity: number) {
    super(`more than ${capacity} events waited for a subscriber`);
    this.name = 'BufferOverflowError';
  }
}

/**
 * Reads `source` eagerly into a buffer of at most `capacity` items that the consumer drains at its
 * own pace. One item more and the stream is cut: the buffer is dropped, `source` is returned,
 * `onOverflow` runs (to close the connection) and the consumer's next read throws
 * `BufferOverflowError`. So the publisher never waits for, nor queues without bound behind, a
 * slow subscriber.
 */
export function boundedStream<T>(
  source: AsyncIterator<T>,
  capacity: number,
  onOverflow: () => void,
): AsyncIterableIterator<T> {
  const buffer: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let failWaiting: ((error: unknown) => void) | undefined;
  let failure: unknown;
  let done = false;

  const finish = (): void => {
    done = true;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
  };
  const fail = (error: unknown): void => {
    buffer.length = 0;
    failure = error;
    done = true;
    failWaiting?.(error);
    waiting = undefined;
    failWaiting = undefined;
  };

  const pump = async (): Promise<void> => {
    while (!done) {
      const next = await source.next();
      if (done) return;
      if (next.done === true) {
        finish();
        return;
      }
      if (waiting !== undefined) {
        const deliver = waiting;
        waiting = undefined;
        failWaiting = undefined;
        deliver({ value: next.value, done: false });
      } else if (buffer.length < capacity) {
        buffer.push(next.value);
      } else {
        fail(new BufferOverflowError(capacity));
        await source.return?.();
        onOverflow();
        return;
      }
    }
  };
  pump().catch(fail);

  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      if (buffer.length > 0) {
        return Promise.resolve({ value: buffer.shift() as T, done: false });
      }
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = resolve;
        failWaiting = reject;
      });
    },
    async return() {
      if (!done) {
        buffer.length = 0;
        finish();
        await source.return?.();
      }
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
