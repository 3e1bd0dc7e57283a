import type { InputObjectRef, ObjectRef, SchemaTypes } from '@pothos/core';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context-type.js';
import { type ScopeNeed, slackField, WRITE } from '../slack-cost.js';
import {
  type FailureClass,
  GenericSlackFailure,
  MissingScopeFailure,
  ValidationFailure,
} from '../types/mutation-errors.js';
import { toMutationFailure } from './slack-failures.js';

type Types =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

/** One mutation: Relay-style `input`, and a result union of its payload and error types. */
export interface MutationSpec<Input, Payload> {
  /** The mutation field, e.g. `createConversation`; its union is `CreateConversationResult`. */
  name: string;
  description: string;
  input: InputObjectRef<Types, Input>;
  payload: ObjectRef<Types, Payload>;
  /** Dedicated error types of the Slack codes this method documents. */
  errors: readonly FailureClass[];
  /** The input field a `too_long` / `invalid_arguments` answer is about. */
  field: string;
  /** The OAuth scopes of the Slack write method (src/graphql/slack-cost.ts). */
  scopes: ScopeNeed;
  resolve(input: Input, context: GraphQLContext): Promise<Payload>;
}

/** Every union also has these: any Slack method may answer them. */
const COMMON_ERRORS = [ValidationFailure, MissingScopeFailure, GenericSlackFailure] as const;

/**
 * Adds a mutation whose expected failures are data: Slack's `ok: false` answers (and input
 * problems found before calling Slack) become the union's error types; request-level failures
 * (no or bad token, outages, rate limits) stay top-level errors.
 * @see https://pothos-graphql.dev/docs/plugins/errors
 */
export function defineMutation<Input, Payload>(spec: MutationSpec<Input, Payload>): void {
  const resultName = `${spec.name[0]?.toUpperCase() ?? ''}${spec.name.slice(1)}Result`;
  builder.mutationField(spec.name, (t) =>
    t.field({
      ...slackField({ cost: WRITE, scopes: spec.scopes }),
      type: spec.payload,
      description: spec.description,
      args: { input: t.arg({ type: spec.input, required: true }) },
      errors: {
        types: [...spec.errors, ...COMMON_ERRORS],
        directResult: true,
        union: {
          name: resultName,
          description: `The payload, or one of the errors a client can switch on (\`... on MutationError { code message }\`).`,
        },
      },
      // Pothos cannot evaluate its resolver type for a generic payload; `resolveResult` is typed.
      resolve: ((_root: unknown, args: { input: Input }, context: GraphQLContext) =>
        resolveResult(spec, args.input, context)) as never,
    }),
  );
}

async function resolveResult<Input, Payload>(
  spec: MutationSpec<Input, Payload>,
  input: Input,
  context: GraphQLContext,
): Promise<Payload> {
  try {
    return await spec.resolve(input, context);
  } catch (error) {
    throw toMutationFailure(error, { types: spec.errors, field: spec.field }) ?? error;
  }
}
