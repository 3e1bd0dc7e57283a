import type { DirectorySession, UserDirectory } from '../cache/user-directory.js';
import type { SlackApi, SlackCallLedger } from '../slack/slack-api.js';
import type { SlackToken } from '../slack/slack-token.js';
import type {
  SlackAuthTestResponse,
  SlackEnvelope,
  SlackTeam,
  SlackTeamResponse,
} from '../slack/wire-types.js';
import { applyWrite, type WriteEffect } from './apply-write.js';
import type { BatchObserver } from './batch-schedule.js';
import { type ConversationLoader, createConversationLoader } from './conversation-loader.js';
import { createMessageLoader, type MessageLoader } from './message-loader.js';
import { createPageLoaders, type PageLoaders } from './page-loaders.js';
import { bindSlackCaller, dedupeCalls, type SlackCaller } from './slack-caller.js';
import { createUserLoader, type UserLoader } from './user-loader.js';

export type { WriteEffect } from './apply-write.js';
export type { ConversationSnapshot, InfoExtras } from './conversation-loader.js';
export type { MessageKey } from './message-loader.js';
export type { HistoryFilter, PageRequest, SlackPage } from './page-loaders.js';

/** The per-request loader bag. Never share one between requests or tokens. */
export interface Loaders {
  conversations: ConversationLoader;
  users: UserLoader;
  messages: MessageLoader;
  pages: PageLoaders;
  /**
   * The caller's identity (`auth.test`), once per request.
   * @see https://docs.slack.dev/reference/methods/auth.test
   */
  authTest(): Promise<SlackAuthTestResponse>;
  /**
   * The caller's workspace (`team.info`), or with `team` another workspace the token can see
   * (through shared channels); each at most once per request.
   * @see https://docs.slack.dev/reference/methods/team.info
   */
  teamInfo(team?: string): Promise<SlackTeam>;
  /**
   * Calls a Slack write method with the request's token: never de-duplicated or cached (two
   * identical writes in one operation are two calls), and retried by the client only on 429.
   */
  write: SlackCaller;
  /** Makes every later read of this request see a write (src/loaders/apply-write.ts). */
  afterWrite(effect: WriteEffect): void;
}

export interface LoaderOptions {
  /**
   * The users other tokens of the same workspace (and visibility) already read, shared across
   * requests (src/cache/user-directory.ts). @default none: every user costs Slack calls
   */
  userDirectory?: UserDirectory | undefined;
  /** Hears until when shared users the directory served may be served (src/cache/read-log.ts). */
  onSharedUsers?: ((expiresAt: number) => void) | undefined;
  /** Hears the size of every loader batch (metrics: `loader_batch_size`). */
  observeBatch?: BatchObserver | undefined;
  /** Aborted when the request's answer is no longer awaited: its Slack calls stop. */
  signal?: AbortSignal | undefined;
  /** Hears the request's Slack calls and cache answers (`extensions.slackCost`). */
  ledger?: SlackCallLedger | undefined;
  /** The request sent an Authorization header that is not `Bearer <token>`. */
  malformedAuthorization?: boolean | undefined;
  /** `SLACK_UNLISTED_APP`: history and replies pages are capped (src/loaders/page-loaders.ts). */
  unlistedApp?: boolean | undefined;
}

/**
 * Builds fresh loaders for one request, scoped to `token`. With no token every loader rejects
 * with `UNAUTHENTICATED` and Slack is never called.
 */
export function createLoaders(
  slack: SlackApi,
  token: SlackToken | undefined,
  {
    userDirectory,
    onSharedUsers,
    observeBatch,
    signal,
    ledger,
    malformedAuthorization,
    unlistedApp,
  }: LoaderOptions = {},
): Loaders {
  const write = bindSlackCaller(slack, token, { signal, ledger, malformedAuthorization });
  const calls = new Map<string, Promise<SlackEnvelope>>();
  const call = dedupeCalls(write, calls);
  const conversations = createConversationLoader(call, observeBatch);
  const messages = createMessageLoader(call);
  let directory: Promise<DirectorySession | undefined> | undefined;
  // The directory needs the caller's identity (auth.test, cached and shared with `authTest`);
  // when that fails the users are read without it, and their own calls report the failure.
  const openDirectory =
    userDirectory === undefined || token === undefined
      ? undefined
      : () => {
          directory ??= call<SlackAuthTestResponse>('auth.test', {}).then(
            (auth) => userDirectory.open(token, auth, onSharedUsers),
            () => undefined,
          );
          return directory;
        };
  return {
    conversations,
    users: createUserLoader(call, openDirectory, observeBatch),
    messages,
    pages: createPageLoaders(call, conversations, messages, { unlistedApp }),
    authTest: () => call<SlackAuthTestResponse>('auth.test', {}),
    teamInfo: (team) =>
      call<SlackTeamResponse>('team.info', { team }).then((response) => response.team),
    write,
    afterWrite: (effect) => applyWrite({ calls, conversations }, effect),
  };
}
