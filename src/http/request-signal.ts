import { setMaxListeners } from 'node:events';

/**
 * A signal aborted when nobody waits for the request's answer any more: the client went away
 * (yoga aborts `request.signal` when the connection closes early), or the operation's deadline
 * passed. Slack calls queued or in flight for the request stop then (src/slack/client.ts).
 */
export function requestSignal(request: Request, deadlineMs: number | undefined): AbortSignal {
  const controller = new AbortController();
  const gone = request.signal;
  // yoga's signal may be its own EventTarget, not an AbortSignal: listen rather than combine it.
  if (gone.aborted) controller.abort(gone.reason);
  else gone.addEventListener('abort', () => controller.abort(gone.reason), { once: true });
  const signal =
    deadlineMs === undefined
      ? controller.signal
      : AbortSignal.any([controller.signal, AbortSignal.timeout(deadlineMs)]);
  // Every Slack call of the request listens to it; a wide query makes many at once.
  setMaxListeners(0, signal);
  return signal;
}
