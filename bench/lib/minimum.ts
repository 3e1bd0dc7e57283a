/**
 * The fewest Slack calls a query shape needs, computed from what the emulator holds (read
 * directly by bench/lib/probe.ts), never from what our gateway does. The quick benchmark fails
 * when the gateway's count differs from these numbers.
 */

/**
 * Users can come from `users.info` (one call each) or from `users.list` pages (up to 1,000 users
 * per call, read in order: page k needs page k-1's cursor). The cheapest plan reads the first `p`
 * pages and asks `users.info` for whoever is still missing; this tries every `p`.
 * @returns the call count and the number of pages of the cheapest plan (fewest pages on a tie).
 */
export function cheapestUserPlan(
  wanted: ReadonlySet<string>,
  userPages: readonly (readonly string[])[],
): { calls: number; pages: number; infoCalls: number } {
  const missing = new Set(wanted);
  let best = { calls: missing.size, pages: 0, infoCalls: missing.size };
  userPages.forEach((page, index) => {
    for (const id of page) missing.delete(id);
    const calls = index + 1 + missing.size;
    if (calls < best.calls) best = { calls, pages: index + 1, infoCalls: missing.size };
  });
  return best;
}

/** Sequential rounds of Slack calls (each needs an answer of the previous round). */
export interface CriticalPathInput {
  listPages: number;
  /** Whether each listed conversation needs a call of its own (e.g. conversations.members). */
  perConversationHop: boolean;
  userPlan: { pages: number; infoCalls: number };
  /** Whether some users are known only from the per-conversation answers (members). */
  usersFromPerConversationHop: boolean;
}

/**
 * The critical path, in hops: list pages one after another; then, in parallel, the
 * per-conversation calls and the users.list pages (one after another) or users.info calls; then,
 * when users come only from the per-conversation answers and are not all in the pages read,
 * one more round of users.info.
 */
export function criticalPathHops(input: CriticalPathInput): number {
  const userRounds =
    input.userPlan.pages > 0 ? input.userPlan.pages : input.userPlan.infoCalls > 0 ? 1 : 0;
  const afterList = Math.max(input.perConversationHop ? 1 : 0, userRounds);
  const trailingInfo =
    input.usersFromPerConversationHop &&
    input.perConversationHop &&
    (input.userPlan.pages === 0 || input.userPlan.infoCalls > 0)
      ? 1
      : 0;
  return input.listPages + afterList + trailingInfo;
}
