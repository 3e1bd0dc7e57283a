import type { SlackConversation, SlackMessage } from '../../src/slack/wire-types.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { slackCall } from './emulator.js';
import type { GraphQLBody, TestGateway } from './gateway.js';

/** A mutation result as the tests read it: the union member's typename and fields. */
export type MutationResult = Record<string, unknown> & { __typename: string };

/** Fields every error type has, for `... on MutationError`. */
export const ERROR_FIELDS = '... on MutationError { __typename code message }';

/**
 * Sends a one-field mutation (`field(input: $input) { selection }`) and returns its result.
 * Fails the test on a top-level error; use `gw.graphql` to assert those.
 */
export async function mutate(
  gw: TestGateway,
  field: string,
  input: Record<string, unknown>,
  selection: string,
  token?: string,
): Promise<MutationResult> {
  const inputType = `${field[0]?.toUpperCase()}${field.slice(1)}Input`;
  const query = `mutation Run($input: ${inputType}!) {
    result: ${field}(input: $input) { __typename ${ERROR_FIELDS} ${selection} }
  }`;
  const { body } = await gw.graphql<{ result: MutationResult }>(
    query,
    { input },
    token === undefined ? {} : { token },
  );
  if (body.errors !== undefined || !body.data) {
    throw new Error(`unexpected top-level errors: ${JSON.stringify(body.errors)}`);
  }
  return body.data.result;
}

/** The first top-level error's `extensions.code`. */
export function topLevelCode(body: GraphQLBody<unknown>): unknown {
  return body.errors?.[0]?.extensions?.code;
}

/** Every conversation alice can see, straight from the emulator (archived included). */
export async function emulatorConversations(
  gw: TestGateway,
  token: string = SCENARIO_TOKENS.alice,
): Promise<SlackConversation[]> {
  const { body } = await slackCall<{ channels: SlackConversation[] }>(
    gw.emulator.url,
    'conversations.list',
    { types: 'public_channel,private_channel,mpim,im', limit: 1000 },
    { token },
  );
  return body.channels;
}

/** The conversations named `name` that `token` can see. */
export async function conversationsNamed(
  gw: TestGateway,
  name: string,
  token?: string,
): Promise<SlackConversation[]> {
  return (await emulatorConversations(gw, token)).filter((channel) => channel.name === name);
}

/** A conversation's messages (newest first), straight from the emulator. */
export async function emulatorHistory(
  gw: TestGateway,
  channel: string,
  token: string = SCENARIO_TOKENS.alice,
): Promise<SlackMessage[]> {
  const { body } = await slackCall<{ messages: SlackMessage[] }>(
    gw.emulator.url,
    'conversations.history',
    { channel, limit: 999 },
    { token },
  );
  return body.messages;
}

/** Slack calls the emulator received for `method` so far. */
export function callsOf(gw: TestGateway, method: string): number {
  return gw.emulatorCalls().calls[method] ?? 0;
}
