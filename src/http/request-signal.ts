import { setMaxListeners } from 'node:events';

/** A request's signal for one set of loaders, and how to stop it listening to the request. */
export interface RequestSignal {
  signal: AbortSignal;
  /**
   * Stops listening to the request's own signal. A subscription renews its loaders for each
   * event of one long-lived request: without this, every event would leave a listener behind.
   */
  release(): void;
}

/**
 * A signal aborted when nobody waits for the request's answer any more: the client went away
 * (yoga aborts `request.signal` when the connection closes early), or the operation's deadline
 * passed. Slack calls queued or in flight for the request stop then (src/slack/client.ts).
 */
export function requestSignal(request: Request, deadlineMs: number | undefined): RequestSignal {
  const controller = new AbortController();
  const gone = request.signal;
  const onGone = () => controller.abort(gone.reason);
  // yoga's signal may be its own EventTarget, not an AbortSignal: listen rather than combine it.
  if (gone.aborted) controller.abort(gone.reason);
  else gone.addEventListener('abort', onGone, { once: true });
  const signal =
    deadlineMs === undefined
      ? controller.signal
      : AbortSignal.any([controller.signal, AbortSignal.timeout(deadlineMs)]);
  // Every Slack call of the request listens to it; a wide query makes many at once.
  setMaxListeners(0, signal);
  return { signal, release: () => gone.removeEventListener('abort', onGone) };
}
