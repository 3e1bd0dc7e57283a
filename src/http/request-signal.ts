import { setMaxListeners } from 'node:events';
import type { Plugin } from 'graphql-yoga';

/**
 * A signal aborted when nobody waits for the request's answer any more: the client went away
 * (yoga aborts `request.signal` when the connection closes early), the operation's deadline
 * passed, or `settled` aborted (its result is final: `useSettleOnResult`). Slack calls queued or
 * in flight for the request stop then (src/slack/client.ts); a read shared with other requests
 * goes on while one of them still waits (src/cache/shared-call.ts).
 */
export function requestSignal(
  request: Request,
  deadlineMs: number | undefined,
  settled?: AbortSignal,
): AbortSignal {
  const controller = new AbortController();
  const gone = request.signal;
  // yoga's signal may be its own EventTarget, not an AbortSignal: listen rather than combine it.
  if (gone.aborted) controller.abort(gone.reason);
  else gone.addEventListener('abort', () => controller.abort(gone.reason), { once: true });
  const signals = [controller.signal];
  if (deadlineMs !== undefined) signals.push(AbortSignal.timeout(deadlineMs));
  if (settled !== undefined) signals.push(settled);
  const signal = signals.length === 1 ? controller.signal : AbortSignal.any(signals);
  // Every Slack call of the request listens to it; a wide query makes many at once.
  setMaxListeners(0, signal);
  return signal;
}

/** The part of the context `useSettleOnResult` needs (src/graphql/context-type.ts). */
interface Settling {
  settle?: (() => void) | undefined;
}

/**
 * Settles a request once its execution result is final: a query or mutation answered whole (an
 * error that nulled the operation included), or the last part of an incremental one. graphql-js
 * answers as soon as an error reaches the root, while sibling fields still wait for Slack;
 * their calls would only spend the workspace's rate budget on an answer nobody reads.
 * Subscriptions run per event and end with their stream, so they are left alone.
 */
export function useSettleOnResult(): Plugin {
  return {
    onExecute({ args }) {
      const { settle } = args.contextValue as Settling;
      if (settle === undefined) return;
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) {
            settle();
            return;
          }
          return { onEnd: settle };
        },
      };
    },
  };
}
