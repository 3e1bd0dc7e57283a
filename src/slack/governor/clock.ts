/**
 * Time as the governor sees it. Injected so tests drive a fake clock instead of waiting, and so
 * the wall clock can jump (NTP) without opening or closing a rate window.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences matter. */
  now(): number;
  /** Runs `callback` after `delayMs`; the returned handle cancels it. */
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** An opaque handle from `Clock.setTimer`. */
export type TimerHandle = { readonly id: unknown };

/**
 * The real clock: `performance.now()` (monotonic) and unref'd timers, so a waiting call never
 * keeps the process alive on its own.
 */
export const systemClock: Clock = Object.freeze({
  now: () => performance.now(),
  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref();
    return { id: timer };
  },
  clearTimer(handle: TimerHandle): void {
    clearTimeout(handle.id as NodeJS.Timeout);
  },
});
