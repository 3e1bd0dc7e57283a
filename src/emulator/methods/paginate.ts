/**
 * One virtual page of an ordered collection: Slack cuts `limit` rows first and filters after, so
 * callers filter `rows` themselves and a page may come back short or empty while `next` (the
 * first row of the following page) still says more rows exist.
 * @see docs/slack-behaviour.md#cursor-pagination
 */
export interface VirtualPage<T> {
  rows: T[];
  /** The first row of the next page, or `undefined` at the end of the collection. */
  next: T | undefined;
}

/** Cuts the virtual page of `limit` rows that starts at index `start` of `items`. */
export function cutPage<T>(items: readonly T[], start: number, limit: number): VirtualPage<T> {
  const end = start + limit;
  return { rows: items.slice(start, end), next: items[end] };
}
