/**
 * Keeps a label's cardinality bounded: the first `max` distinct values pass through, later ones
 * become `other`. Values are also cut to 100 characters.
 */
export class LabelLimiter {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    const cut = value.slice(0, 100);
    if (this.seen.has(cut)) return cut;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(cut);
    return cut;
  }
}
