import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLBoolean,
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/events/live-event.js';
import type { StreamItem } from '../../src/graphql/subscriptions/live-streams.js';
import {
  type EventExecutionOutcome,
  useSharedEventExecution,
} from '../../src/graphql/subscriptions/shared-execution.js';

/** What each subscriber's context holds in this test. */
interface TestContext {
  executionGroup: string;
  /** The subscriber's stream items (each its own objects, around shared bus events). */
  items: StreamItem<string>[];
  /** This subscriber's resolution of `viewer` fails (as a cancelled Slack call would). */
  fails?: boolean;
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      heard: {
        type: new GraphQLObjectType({
          name: 'Heard',
          fields: {
            text: { type: GraphQLString, resolve: (text: string) => text },
            viewer: {
              type: GraphQLString,
              resolve: (_text, _args, context: TestContext) => {
                if (context.fails === true) throw new Error('cancelled');
                return context.executionGroup;
              },
            },
          },
        }),
        subscribe: async function* (_root, _args, context: TestContext) {
          yield* context.items;
        },
        resolve: (item: StreamItem<string>) => {
          if ('end' in item) throw item.end;
          return item.event;
        },
      },
    },
  }),
});

const document = parse('subscription { heard { text viewer } }');

const busEvent = (ts: string): LiveEvent => ({
  type: 'messageAdded',
  channel: 'C1',
  message: { type: 'message', ts, text: ts },
});

/** Subscribes through the plugin (as envelop calls it) and reads every result. */
async function subscribeThrough(
  plugin: ReturnType<typeof useSharedEventExecution>,
  context: TestContext,
): Promise<ExecutionResult[]> {
  const args: ExecutionArgs = { schema, document, contextValue: context };
  const fallback = (): never => {
    throw new Error('yoga’s own executor was not expected here');
  };
  let subscribe: (args: ExecutionArgs) => unknown = fallback;
  plugin.onSubscribe?.({
    args,
    subscribeFn: fallback,
    setSubscribeFn: (replacement: (args: ExecutionArgs) => unknown) => {
      subscribe = replacement;
    },
  } as unknown as Parameters<NonNullable<typeof plugin.onSubscribe>>[0]);
  const results: ExecutionResult[] = [];
  for await (const result of (await subscribe(args)) as AsyncIterable<ExecutionResult>) {
    results.push(result);
  }
  return results;
}

describe('useSharedEventExecution', () => {
  it('never shares a result with errors, nor an item that ends one subscriber’s stream', async () => {
    const outcomes: EventExecutionOutcome[] = [];
    const plugin = useSharedEventExecution({ observe: (outcome) => outcomes.push(outcome) });
    const first = busEvent('1');
    const second = busEvent('2');
    const itemsOf = (): StreamItem<string>[] => [
      { event: 'one', source: first },
      { event: 'two', source: second },
      { end: new GraphQLError('access lost', { extensions: { code: 'ACCESS_LOST' } }) },
    ];

    // A's resolution of the first event fails: B and C must not get A's error.
    const a = await subscribeThrough(plugin, {
      executionGroup: 't1',
      items: itemsOf(),
      fails: true,
    });
    expect(a.map((result) => result.errors?.[0]?.message)).toEqual([
      'cancelled',
      'cancelled',
      'access lost',
    ]);
    expect(outcomes.splice(0)).toEqual(['executed', 'executed', 'executed']);

    const b = await subscribeThrough(plugin, { executionGroup: 't1', items: itemsOf() });
    expect(b.slice(0, 2)).toEqual([
      { data: { heard: { text: 'one', viewer: 't1' } } },
      { data: { heard: { text: 'two', viewer: 't1' } } },
    ]);
    // B executed both events again (A's results had errors); its end is its own.
    expect(outcomes.splice(0)).toEqual(['executed', 'executed', 'executed']);

    const c = await subscribeThrough(plugin, { executionGroup: 't1', items: itemsOf() });
    expect(c.slice(0, 2)).toEqual(b.slice(0, 2));
    expect(c[0]).toBe(b[0]);
    expect(outcomes.splice(0)).toEqual(['shared', 'shared', 'executed']);

    // Another token: never the group of t1, even for the same bus events.
    const d = await subscribeThrough(plugin, { executionGroup: 't2', items: itemsOf() });
    expect(d[0]).toEqual({ data: { heard: { text: 'one', viewer: 't2' } } });
    expect(outcomes.splice(0)).toEqual(['executed', 'executed', 'executed']);
  });
});
