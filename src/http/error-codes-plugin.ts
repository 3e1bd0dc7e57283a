import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayErrorCode } from '../errors.js';

/**
 * Gives every error of a response an `extensions.code`, so clients can always tell what went
 * wrong. yoga already codes parse and validation errors and the masked ones; graphql's
 * execution adds some without a code: variables that do not coerce, an operation type the
 * schema lacks. Those are request errors caused by the client: `BAD_USER_INPUT`.
 */
export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) {
        setResult(result.map((entry) => withCodes(entry)));
      } else if (!isAsyncIterable(result)) {
        setResult(withCodes(result));
      }
    },
  };
}

type SingleResult = Exclude<
  Parameters<NonNullable<Plugin['onResultProcess']>>[0]['result'],
  readonly unknown[] | AsyncIterable<unknown>
>;

function withCodes<T extends SingleResult>(result: T): T {
  const errors = result.errors;
  if (!errors?.some((error) => error.extensions?.code === undefined)) return result;
  return {
    ...result,
    errors: errors.map((error) =>
      error.extensions?.code !== undefined
        ? error
        : new GraphQLError(error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            path: error.path,
            originalError: error.originalError,
            extensions: {
              ...error.extensions,
              code: (error.path
                ? 'INTERNAL_SERVER_ERROR'
                : 'BAD_USER_INPUT') satisfies GatewayErrorCode,
            },
          }),
    ),
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
