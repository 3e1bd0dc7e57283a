/**
 * The yardstick of the cached-reads benchmark: the simplest reasonable graphql-yoga + Pothos
 * server over the same Slack emulator. One Slack call per field that needs one, through a
 * keep-alive undici Pool like ours; no DataLoader, no cache, no governor. It answers the same
 * list shape as our `conversations` query so both do the same GraphQL work per request.
 */
import SchemaBuilder from '@pothos/core';
import type { Pool } from 'undici';

interface SlackTopic {
  value: string;
  creator: string;
  last_set: number;
}

interface SlackChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  created: number;
  creator?: string;
  topic?: SlackTopic;
  purpose?: SlackTopic;
}

interface ListResponse {
  ok: boolean;
  error?: string;
  channels?: SlackChannel[];
}

export interface BaselineContext {
  slack: Pool;
  /** The API path prefix, e.g. `/api/`. */
  apiPath: string;
  token: string;
}

/** Posts a form-encoded Slack call, as the SDKs do, and fails on `ok: false`. */
async function slackCall<T extends { ok: boolean; error?: string }>(
  context: BaselineContext,
  method: string,
  args: Record<string, string>,
): Promise<T> {
  const response = await context.slack.request({
    method: 'POST',
    path: `${context.apiPath}${method}`,
    headers: {
      authorization: `Bearer ${context.token}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(args).toString(),
  });
  const body = (await response.body.json()) as T;
  if (!body.ok) throw new Error(`Slack ${method} failed: ${body.error ?? response.statusCode}`);
  return body;
}

const builder = new SchemaBuilder<{ Context: BaselineContext }>({});

const Topic = builder.objectRef<SlackTopic>('Topic').implement({
  fields: (t) => ({ value: t.exposeString('value') }),
});

const Conversation = builder.objectRef<SlackChannel>('Conversation').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { nullable: true }),
    isPrivate: t.boolean({ resolve: (channel) => channel.is_private === true }),
    isArchived: t.boolean({ resolve: (channel) => channel.is_archived === true }),
    topic: t.field({ type: Topic, nullable: true, resolve: (channel) => channel.topic }),
    purpose: t.field({ type: Topic, nullable: true, resolve: (channel) => channel.purpose }),
  }),
});

builder.queryType({
  fields: (t) => ({
    conversations: t.field({
      type: [Conversation],
      args: { limit: t.arg.int({ defaultValue: 100 }) },
      resolve: async (_root, args, context) => {
        const answer = await slackCall<ListResponse>(context, 'conversations.list', {
          limit: String(args.limit ?? 100),
        });
        return answer.channels ?? [];
      },
    }),
  }),
});

export const baselineSchema = builder.toSchema();
