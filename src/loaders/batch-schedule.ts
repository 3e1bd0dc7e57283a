/**
 * DataLoader's batch schedule for Slack loaders: dispatch on `setImmediate`, after every pending
 * promise job and `nextTick` has run. GraphQL resolves nested fields (a creator inside a topic
 * inside a conversation) over several promise turns; DataLoader's default schedule would cut
 * them into several batches, where one batch can be one `users.list` call instead of many.
 * @see https://github.com/graphql/dataloader#batch-scheduling
 */
export function afterPendingWork(dispatch: () => void): void {
  setImmediate(dispatch);
}

/** Hears the size of every batch a loader dispatches (metrics: `loader_batch_size`). */
export type BatchObserver = (loader: string, size: number) => void;

/** `batch`, reporting each batch's size to `observe` under `loader` first. */
export function observedBatch<K, V>(
  loader: string,
  batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  observe: BatchObserver | undefined,
): (keys: readonly K[]) => Promise<readonly (V | Error)[]> {
  if (observe === undefined) return batch;
  return (keys) => {
    observe(loader, keys.length);
    return batch(keys);
  };
}
