import { SlackPlatformError } from '../../slack/errors.js';
import type { SlackWriteMethod } from '../../slack/methods.js';
import type { SlackArgs } from '../../slack/slack-api.js';
import type { SlackConversation, SlackEnvelope } from '../../slack/wire-types.js';
import type { GraphQLContext } from '../context-type.js';
import { isOutcomeUnknown } from './slack-failures.js';

/**
 * What to do when a write's outcome is unknown (no answer, 5xx, malformed body). Writes are
 * never repeated blindly; the client itself repeats them only after a 429.
 * - `retry`: the method is idempotent in effect, so it is sent once more; Slack codes in
 *   `settledBy` then mean "already done" (e.g. `already_archived`).
 * - `check`: a repeat would duplicate a visible effect (a second "set the topic" message), so
 *   conversations.info is read first; the write is repeated only if its effect is not there.
 */
export type Recovery =
  | { kind: 'retry'; settledBy?: readonly string[] }
  | { kind: 'check'; holds: (conversation: SlackConversation) => boolean };

export interface WriteCall {
  /** A Slack write method, e.g. `conversations.archive`. */
  method: SlackWriteMethod;
  args: SlackArgs;
  /** The conversation written to (for the outcome check and cache invalidation). */
  conversation?: string | undefined;
  recovery: Recovery;
  /** The full conversation object in Slack's answer, when the method returns one. */
  fresh?: (response: SlackEnvelope) => SlackConversation | undefined;
}

/** Slack's answer (none when recovery found the write already done) and whether it was sent twice. */
export interface WriteResult<T> {
  response: T | undefined;
  /**
   * The write was sent a second time after an unknown outcome. Flags such as `already_open`
   * in the answer may then describe the first attempt's own effect, so payloads do not trust them.
   */
  repeated: boolean;
}

/**
 * Sends a write and recovers from an unknown outcome as `call.recovery` says, then makes the
 * rest of the request see it (`afterWrite`). Slack's `ok: false` answers reject with the
 * SlackPlatformError; a second unknown outcome rejects with the first failure.
 */
export async function performWrite<T extends SlackEnvelope>(
  context: GraphQLContext,
  call: WriteCall,
): Promise<WriteResult<T>> {
  const { loaders } = context;
  let result: WriteResult<T>;
  try {
    result = { response: await loaders.write<T>(call.method, call.args), repeated: false };
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    // The write may have happened: nothing cached before it may be served after it.
    loaders.afterWrite({ conversation: call.conversation });
    const { recovery } = call;
    if (recovery.kind === 'check' && call.conversation !== undefined) {
      const current = await loaders.conversations.loadInfo(call.conversation);
      // Done: the check's fresh conversations.info answer is now what the request knows.
      if (recovery.holds(current.data)) return { response: undefined, repeated: false };
    }
    const settledBy = recovery.kind === 'retry' ? (recovery.settledBy ?? []) : [];
    result = { response: await repeatOnce<T>(context, call, settledBy, error), repeated: true };
  }
  const { response } = result;
  const fresh = response === undefined ? undefined : call.fresh?.(response);
  const answeredId = (response as { channel?: { id?: string } } | undefined)?.channel?.id;
  loaders.afterWrite({ conversation: call.conversation ?? answeredId, fresh });
  return result;
}

/** The one repeat: `undefined` when Slack answers a code that means "already done". */
async function repeatOnce<T extends SlackEnvelope>(
  context: GraphQLContext,
  call: WriteCall,
  settledBy: readonly string[],
  first: unknown,
): Promise<T | undefined> {
  try {
    return await context.loaders.write<T>(call.method, call.args);
  } catch (error) {
    if (error instanceof SlackPlatformError && settledBy.includes(error.error)) return undefined;
    if (isOutcomeUnknown(error)) throw first;
    throw error;
  }
}

/** The `channel` object of a write's answer, unless it is only `{ id }` (conversations.open). */
export function answeredChannel(response: SlackEnvelope): SlackConversation | undefined {
  const channel = (response as { channel?: SlackConversation }).channel;
  return channel !== undefined && typeof channel.created === 'number' ? channel : undefined;
}
