import { SlackCallCancelledError } from '../slack/errors.js';
import type { SlackEnvelope } from '../slack/wire-types.js';

/** One Slack call that several callers wait for; cancelled only when every one of them gave up. */
export interface SharedCall {
  /** Waits for the answer; rejects with `SlackCallCancelledError` at once if `signal` aborts. */
  join<T extends SlackEnvelope>(signal: AbortSignal | undefined): Promise<T>;
}

/**
 * Starts `start` with a signal of its own, aborted once every caller that joined has abandoned
 * the call (a caller without a signal never does). So a read shared between requests keeps going
 * while anyone waits for it, and stops when nobody does.
 */
export function shareCall(
  method: string,
  start: (signal: AbortSignal) => Promise<SlackEnvelope>,
): SharedCall {
  const controller = new AbortController();
  const response = start(controller.signal);
  let waiting = 0;
  return {
    join<T extends SlackEnvelope>(signal: AbortSignal | undefined): Promise<T> {
      waiting += 1;
      if (signal === undefined) return response as Promise<T>;
      return new Promise<T>((resolve, reject) => {
        const abandon = (): void => {
          waiting -= 1;
          if (waiting === 0) controller.abort();
          reject(new SlackCallCancelledError(method, false));
        };
        if (signal.aborted) {
          abandon();
          return;
        }
        signal.addEventListener('abort', abandon, { once: true });
        response.then(
          (value) => {
            signal.removeEventListener('abort', abandon);
            resolve(value as T);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', abandon);
            reject(error);
          },
        );
      });
    },
  };
}
