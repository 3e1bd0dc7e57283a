import type { Clock, TimerHandle } from '../../src/slack/governor/clock.js';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock that only moves when told to; timers fire in time order inside `advance`. */
export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const seq = this.seq++;
    this.pending.set(seq, { at: this.time + Math.max(0, delayMs), seq, callback });
    return { id: seq };
  }

  clearTimer(handle: TimerHandle): void {
    this.pending.delete(handle.id as number);
  }

  /** The time of the next timer, if any. */
  nextAt(): number | undefined {
    let next: number | undefined;
    for (const timer of this.pending.values())
      if (next === undefined || timer.at < next) next = timer.at;
    return next;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order and letting promise callbacks run
   * after each one (so a permit handed out by a timer is seen before the next timer fires).
   */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await flush();
      const due = [...this.pending.values()]
        .filter((timer) => timer.at <= until)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.pending.delete(due.seq);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
    await flush();
  }
}

/** Lets queued promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
