import { unauthenticated } from '../errors.js';
import { callKey } from '../slack/form.js';
import type { SlackMethod } from '../slack/methods.js';
import type { SlackApi, SlackArgs, SlackCallLedger } from '../slack/slack-api.js';
import type { SlackToken } from '../slack/slack-token.js';
import type { SlackEnvelope } from '../slack/wire-types.js';

/** One Slack call with the request's token already applied. */
export type SlackCaller = <TResponse extends SlackEnvelope>(
  method: SlackMethod,
  args: SlackArgs,
) => Promise<TResponse>;

/**
 * Binds `slack` to the request's token, to its `signal` (aborted when the client goes away or
 * the request's deadline passes) and to its `ledger` (`extensions.slackCost`). Without a token every call rejects with `UNAUTHENTICATED`
 * (saying whether the Authorization header was malformed) and Slack is never contacted.
 */
export function bindSlackCaller(
  slack: SlackApi,
  token: SlackToken | undefined,
  {
    signal,
    ledger,
    malformedAuthorization = false,
  }: {
    signal?: AbortSignal | undefined;
    ledger?: SlackCallLedger | undefined;
    malformedAuthorization?: boolean;
  } = {},
): SlackCaller {
  if (token === undefined) {
    return () => Promise.reject(unauthenticated(malformedAuthorization));
  }
  const options = { signal, ledger };
  return (method, args) => slack.call(method, args, token, options);
}

/**
 * De-duplicates identical calls (same method and arguments) for the lifetime of one request,
 * including calls still in flight. Failed calls are forgotten, as DataLoader does, so a retry
 * later in the operation may succeed.
 */
export function dedupeCalls(
  call: SlackCaller,
  cache: Map<string, Promise<SlackEnvelope>> = new Map(),
): SlackCaller {
  return <TResponse extends SlackEnvelope>(method: SlackMethod, args: SlackArgs) => {
    const key = callKey(method, args);
    let pending = cache.get(key);
    if (!pending) {
      pending = call<TResponse>(method, args);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending as Promise<TResponse>;
  };
}

/**
 * Forgets the de-duplicated calls (in `cache`, as passed to `dedupeCalls`) that `match`, so the
 * next identical call asks Slack again: a write changed what they answered.
 */
export function forgetCalls(
  cache: Map<string, Promise<SlackEnvelope>>,
  match: (method: string, args: Readonly<Record<string, unknown>>) => boolean,
): void {
  for (const key of [...cache.keys()]) {
    const [method, entries] = JSON.parse(key) as [string, [string, unknown][]];
    if (match(method, Object.fromEntries(entries))) cache.delete(key);
  }
}
