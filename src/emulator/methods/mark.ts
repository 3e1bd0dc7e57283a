import { SlackApiError } from '../protocol/slack-api-error.js';
import { conversationWriteMethod, requireMember } from './write-guards.js';

const TIMESTAMP = /^(\d{1,10})(?:\.(\d{1,6}))?$/;

/** A `ts` argument in Slack's canonical `"<10 digits>.<6 digits>"` form, or `invalid_timestamp`. */
function canonicalTs(ts: string): string {
  const match = TIMESTAMP.exec(ts.trim());
  if (!match) throw new SlackApiError('invalid_timestamp');
  const [, seconds = '', fraction = ''] = match;
  return `${seconds.padStart(10, '0')}.${fraction.padEnd(6, '0')}`;
}

/**
 * conversations.mark: moves the caller's read cursor (`last_read`) to `ts`, which changes the
 * `last_read` and unread counts that conversations.info shows the caller. Slack does not require
 * `ts` to name an existing message, nor to move forward; neither does the emulator.
 * @see https://docs.slack.dev/reference/methods/conversations.mark
 */
export const conversationsMark = conversationWriteMethod(
  'conversations.mark',
  't3',
  (context, caller, conversation) => {
    const ts = context.params.string('ts');
    if (ts === undefined) {
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: ts'] },
      });
    }
    const lastRead = canonicalTs(ts);
    requireMember(conversation, caller.userId);
    conversation.lastRead.set(caller.userId, lastRead);
    return {};
  },
);
