/**
 * Whether an `If-None-Match` header names `etag` (or is `*`). Weak comparison, as RFC 9110 asks
 * of `If-None-Match`: `W/"x"` matches `"x"`.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-if-none-match
 */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
