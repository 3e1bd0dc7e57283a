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
