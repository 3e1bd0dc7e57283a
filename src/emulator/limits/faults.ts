import type { FaultKind, FaultRule } from '../emulator-config.js';
import type { Prng } from '../prng.js';

/** The fault PRNG under the name tests and the gateway's fault tests import. */
export { Prng as SeededRandom } from '../prng.js';

/**
 * The fault to inject into a call of `method`, if any: rules are tried in order and each matching
 * rule draws once from `random`, so the outcome depends only on the seed and the call sequence.
 */
export function pickFault(
  rules: readonly FaultRule[],
  method: string,
  random: Prng,
): FaultKind | undefined {
  for (const rule of rules) {
    if (rule.method !== '*' && rule.method !== method) continue;
    if (random.next() < rule.rate) return rule.kind;
  }
  return undefined;
}
