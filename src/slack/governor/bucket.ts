import { SlackCallCancelledError, SlackRateLimitedError } from '../errors.js';
import type { Clock, TimerHandle } from './clock.js';
import type { BucketLimit } from './rate-table.js';

/**
 * The right to send one attempt; settle it as soon as Slack's answer (its status) is in, or the
 * attempt failed. Only the first settlement counts: later calls are no-ops.
 */
export interface Permit {
  /** The attempt got an answer (any answer but 429) or failed in transport. */
  release(): void;
  /** Slack answered 429: the bucket pauses for `retryAfterMs`, then its queue resumes. */
  rateLimited(retryAfterMs: number): void;
}

/** What a bucket reports, for metrics. */
export interface BucketObserver {
  /** A call got its permit after waiting `waitedMs` (0 when it went straight through). */
  admitted(waitedMs: number): void;
  /** A call left the queue without a permit: its wait would exceed the deadline. */
  rejected(): void;
  /** The queue grew (+1) or shrank (-1). */
  queueChanged(delta: 1 | -1): void;
  /** Slack answered 429 and the bucket paused. */
  rateLimited(): void;
}

interface Waiter {
  /** Who asks (a token hash): the queue is fair between parties. */
  readonly party: string;
  /** Arrival order, for ties. */
  readonly seq: number;
  readonly enqueuedAt: number;
  readonly resolve: (permit: Permit) => void;
  readonly reject: (error: SlackRateLimitedError | SlackCallCancelledError) => void;
  deadlineTimer: TimerHandle | undefined;
  /** Removes the abort listener, once the waiter leaves the queue. */
  unlisten: (() => void) | undefined;
}

/** A slot taken in the window: by whom, and when it was answered. */
interface Answered {
  readonly at: number;
  readonly party: string;
}

/**
 * One (workspace, method) budget: a sliding window of `calls` per `windowMs`, a queue of calls
 * waiting for it, and a pause after a 429.
 *
 * The queue is fair between parties (the tokens sharing a workspace's bucket): a freed slot goes
 * to the waiting party that holds the fewest slots of the window, earliest first among equals.
 * So no token takes more than its share while another token waits, however many calls it
 * queued first. A waiter whose `signal` aborts (its client went away) leaves the queue unsent.
 *
 * A slot is taken when a call is sent and kept until `windowMs` after its answer. Slack counts a
 * call when it arrives, which is somewhere between those two instants, so holding the slot from
 * send to answer + window can never let Slack see more than `calls` in one window, whatever the
 * network delay. It is also the tightest rule that holds without knowing that delay: counting
 * from send would need a margin as large as the spread of one-way delays (up to 130 ms measured
 * on a busy machine, against 1–50 ms between Slack counting a call and its answer coming back).
 */
export class Bucket {
  /** Calls sent and not yet answered, by party. */
  private readonly sending = new Map<string, number>();
  private inFlight = 0;
  /** Calls answered still inside the window, oldest first. */
  private readonly answered: Answered[] = [];
  private seq = 0;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private readonly queue: Waiter[] = [];
  private wake: { at: number; timer: TimerHandle } | undefined;

  constructor(
    private readonly method: string,
    private readonly limit: BucketLimit,
    private readonly maxWaitMs: number,
    private readonly clock: Clock,
    private readonly observer: BucketObserver,
  ) {}

  /** Calls waiting for a permit. */
  get queued(): number {
    return this.queue.length;
  }

  /** Whether forgetting this bucket changes nothing: no call waiting, in flight or in the window. */
  idle(): boolean {
    const now = this.clock.now();
    this.prune(now);
    return (
      this.queue.length === 0 &&
      this.inFlight === 0 &&
      this.answered.length === 0 &&
      now >= this.pausedUntil
    );
  }

  /** Whether no call is waiting or in flight (calls answered in the window may remain). */
  quiet(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  /**
   * Resolves with a permit once the budget allows, in arrival order. Rejects at once with
   * `SlackRateLimitedError` when the expected wait exceeds `maxWaitMs`, or later if the wait
   * grows past it (a 429 pause); `retryAfter` is the expected wait in whole seconds.
   */
  acquire(party = '', signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(new SlackCallCancelledError(this.method, false));
    const now = this.clock.now();
    const permit = this.tryAcquire(party, now);
    if (permit !== undefined) return Promise.resolve(permit);
    const eta = this.estimate(this.positionOf(party, Number.POSITIVE_INFINITY), now);
    if (eta - now > this.maxWaitMs) {
      this.observer.rejected();
      return Promise.reject(this.tooLong(eta - now));
    }
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        party,
        seq: this.seq++,
        enqueuedAt: now,
        resolve,
        reject,
        deadlineTimer: undefined,
        unlisten: undefined,
      };
      waiter.deadlineTimer = this.clock.setTimer(() => this.expire(waiter), this.maxWaitMs);
      if (signal !== undefined) {
        const cancel = (): void => this.cancel(waiter);
        signal.addEventListener('abort', cancel, { once: true });
        waiter.unlisten = () => signal.removeEventListener('abort', cancel);
      }
      this.queue.push(waiter);
      this.observer.queueChanged(1);
      this.pump();
    });
  }

  /** A permit now when nothing queues and the budget allows one; `undefined` otherwise. */
  tryAcquire(party = '', now = this.clock.now()): Permit | undefined {
    this.prune(now);
    if (this.queue.length > 0 || !this.canSend(now)) return undefined;
    this.observer.admitted(0);
    return this.take(party);
  }

  /** Slots of the window `party` holds: in flight, or answered and still inside it. */
  private held(party: string): number {
    let count = this.sending.get(party) ?? 0;
    for (const slot of this.answered) if (slot.party === party) count += 1;
    return count;
  }

  /**
   * Where a waiter of `party` that arrived as number `seq` stands in the fair order: the k-th
   * waiting call of a party counts as holding `held + k` slots, and the fewest go first.
   */
  private positionOf(party: string, seq: number): number {
    const held = new Map<string, number>();
    const rank = (of: string): number => {
      let value = held.get(of);
      if (value === undefined) value = this.held(of);
      held.set(of, value + 1);
      return value;
    };
    const ranks = this.queue.map((waiter) => ({ waiter, rank: rank(waiter.party) }));
    const mine = ranks.find(({ waiter }) => waiter.seq === seq)?.rank ?? rank(party);
    return ranks.filter(
      ({ waiter, rank: theirs }) => theirs < mine || (theirs === mine && waiter.seq < seq),
    ).length;
  }

  /** The waiter a freed slot goes to: the one whose party holds the fewest slots, then the earliest. */
  private next(): Waiter {
    let best = this.queue[0] as Waiter;
    let bestHeld = this.held(best.party);
    for (const waiter of this.queue) {
      const held = waiter.party === best.party ? bestHeld : this.held(waiter.party);
      if (held < bestHeld || (held === bestHeld && waiter.seq < best.seq)) {
        best = waiter;
        bestHeld = held;
      }
    }
    return best;
  }

  /** The waiter's client went away: it leaves the queue without a permit. */
  private cancel(waiter: Waiter): void {
    const position = this.queue.indexOf(waiter);
    if (position === -1) return;
    this.queue.splice(position, 1);
    this.leave(waiter);
    waiter.reject(new SlackCallCancelledError(this.method, false));
    this.pump();
  }

  private canSend(now: number): boolean {
    return now >= this.pausedUntil && this.inFlight + this.answered.length < this.limit.calls;
  }

  private take(party: string): Permit {
    this.inFlight += 1;
    this.sending.set(party, (this.sending.get(party) ?? 0) + 1);
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.inFlight -= 1;
      const sending = (this.sending.get(party) ?? 1) - 1;
      if (sending === 0) this.sending.delete(party);
      else this.sending.set(party, sending);
      this.answered.push({ at: this.clock.now(), party });
      return true;
    };
    return {
      release: () => {
        if (settle()) this.pump();
      },
      rateLimited: (retryAfterMs) => {
        if (!settle()) return;
        this.observer.rateLimited();
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + retryAfterMs);
        this.dropHopeless();
        this.pump();
      },
    };
  }

  /** Hands out permits to the head of the queue while the budget allows; else sets a wake-up. */
  private pump(): void {
    const now = this.clock.now();
    this.prune(now);
    while (this.queue.length > 0 && this.canSend(now)) {
      const waiter = this.next();
      this.queue.splice(this.queue.indexOf(waiter), 1);
      this.leave(waiter);
      this.observer.admitted(now - waiter.enqueuedAt);
      waiter.resolve(this.take(waiter.party));
    }
    if (this.queue.length === 0) {
      this.cancelWake();
      return;
    }
    // Blocked by a pause or by answered calls still in the window; otherwise only by calls in
    // flight, whose release() pumps again.
    let at: number | undefined;
    if (now < this.pausedUntil) at = this.pausedUntil;
    else if (this.answered.length > 0) at = (this.answered[0] as Answered).at + this.limit.windowMs;
    if (at === undefined) this.cancelWake();
    else this.wakeAt(at, now);
  }

  private wakeAt(at: number, now: number): void {
    if (this.wake?.at === at) return;
    this.cancelWake();
    const timer = this.clock.setTimer(() => {
      this.wake = undefined;
      this.pump();
    }, at - now);
    this.wake = { at, timer };
  }

  private cancelWake(): void {
    if (this.wake === undefined) return;
    this.clock.clearTimer(this.wake.timer);
    this.wake = undefined;
  }

  private prune(now: number): void {
    const { windowMs } = this.limit;
    let expired = 0;
    while (
      expired < this.answered.length &&
      (this.answered[expired] as Answered).at + windowMs <= now
    ) {
      expired += 1;
    }
    if (expired > 0) this.answered.splice(0, expired);
  }

  /**
   * When the call at queue `position` could be sent, assuming calls in flight are answered now:
   * the `position`-th slot to free up, a window later for every full round of the budget.
   */
  private estimate(position: number, now: number): number {
    const { calls, windowMs } = this.limit;
    const start = Math.max(now, this.pausedUntil);
    const frees = this.answered.map(({ at }) => at + windowMs);
    for (let i = 0; i < this.inFlight; i++) frees.push(now + windowMs);
    const busy = frees.filter((at) => at > start);
    const free = calls - busy.length;
    if (position < free) return start;
    const index = position - free;
    if (index < busy.length) return Math.max(start, busy[index] as number);
    return this.estimate(position - calls, now) + windowMs;
  }

  /** After a pause grew, fails the waiters that can no longer be served by their deadline. */
  private dropHopeless(): void {
    const now = this.clock.now();
    for (const waiter of [...this.queue]) {
      const eta = this.estimate(this.positionOf(waiter.party, waiter.seq), now);
      if (eta > waiter.enqueuedAt + this.maxWaitMs) {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        this.leave(waiter);
        this.observer.rejected();
        waiter.reject(this.tooLong(eta - now));
      }
    }
  }

  private expire(waiter: Waiter): void {
    const position = this.queue.indexOf(waiter);
    if (position === -1) return;
    waiter.deadlineTimer = undefined;
    const now = this.clock.now();
    const eta = this.estimate(this.positionOf(waiter.party, waiter.seq), now);
    this.queue.splice(position, 1);
    this.leave(waiter);
    this.observer.rejected();
    waiter.reject(this.tooLong(eta - now));
    this.pump();
  }

  private leave(waiter: Waiter): void {
    if (waiter.deadlineTimer !== undefined) this.clock.clearTimer(waiter.deadlineTimer);
    waiter.deadlineTimer = undefined;
    waiter.unlisten?.();
    waiter.unlisten = undefined;
    this.observer.queueChanged(-1);
  }

  private tooLong(waitMs: number): SlackRateLimitedError {
    return new SlackRateLimitedError(
      this.method,
      Math.max(1, Math.ceil(waitMs / 1_000)),
      'gateway',
    );
  }
}
