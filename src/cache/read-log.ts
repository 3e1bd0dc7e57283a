import type { SlackMethod } from '../slack/methods.js';
import type { SlackApi, SlackArgs, SlackCallOptions } from '../slack/slack-api.js';
import type { SlackToken } from '../slack/slack-token.js';
import type { SlackEnvelope } from '../slack/wire-types.js';
import { cacheTypeOf } from './cache-policy.js';
import type { Provenance, ReadProvenance } from './provenance.js';

/**
 * What one request read from Slack, as far as a response built from it may be cached: the tag
 * versions of every answer and the earliest expiry among them. A single answer the cache did not
 * vouch for (a type with TTL 0, a read that overlapped a write, a failure, any write) makes the
 * whole request uncacheable.
 */
export interface ReadLog {
  /** Wraps the request's `SlackApi` so every call it makes is recorded. */
  record(slack: SlackApi): SlackApi;
  /**
   * Data that reached the request without a Slack call of its own (users shared by the user
   * directory) may be served until `expiresAt`: the response may not outlive it.
   */
  limitExpiry(expiresAt: number): void;
  /** The combined provenance, or `undefined` if the response must not be cached. */
  provenance(): Provenance | undefined;
}

export function createReadLog(source: ReadProvenance): ReadLog {
  const tags: Record<string, string> = {};
  let expiresAt = Number.POSITIVE_INFINITY;
  let reads = 0;
  let cacheable = true;

  const note = (method: SlackMethod, response: SlackEnvelope): void => {
    const origin = cacheTypeOf(method) === undefined ? undefined : source.provenanceOf(response);
    if (origin === undefined) {
      cacheable = false;
      return;
    }
    reads += 1;
    expiresAt = Math.min(expiresAt, origin.expiresAt);
    for (const [tag, version] of Object.entries(origin.tags)) {
      // Two answers read under different versions of one tag straddle a write.
      if (tags[tag] !== undefined && tags[tag] !== version) cacheable = false;
      tags[tag] = version;
    }
  };

  return {
    record: (slack) => ({
      call<T extends SlackEnvelope>(
        method: SlackMethod,
        args: SlackArgs,
        token: SlackToken,
        options?: SlackCallOptions,
      ): Promise<T> {
        return slack.call<T>(method, args, token, options).then(
          (response) => {
            note(method, response);
            return response;
          },
          (error: unknown) => {
            cacheable = false;
            throw error;
          },
        );
      },
    }),
    limitExpiry(until) {
      expiresAt = Math.min(expiresAt, until);
    },
    provenance: () => (cacheable && reads > 0 ? { tags: { ...tags }, expiresAt } : undefined),
  };
}
