import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, SlackCircuitOpenError } from '../../src/slack/circuit-breaker.js';
import { responseShapeProblem } from '../../src/slack/response-shape.js';

function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    advance(ms: number): void {
      now += ms;
    },
  };
}

describe('the circuit breaker', () => {
  it('stays closed while failures are not consecutive', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 3 });
    for (let round = 0; round < 10; round++) {
      breaker.admit('conversations.info');
      breaker.settle(round % 3 !== 2);
    }
    expect(breaker.state()).toBe('closed');
  });

  it('opens after the threshold of consecutive failures and then fails fast', () => {
    const clock = fakeClock();
    const breaker = createCircuitBreaker({
      failureThreshold: 3,
      cooldownMs: 1_000,
      now: clock.now,
    });
    for (let round = 0; round < 3; round++) {
      breaker.admit('conversations.info');
      breaker.settle(false);
    }
    expect(breaker.state()).toBe('open');
    expect(() => breaker.admit('conversations.info')).toThrow(SlackCircuitOpenError);
  });

  it('lets exactly one probe through after the cooldown and closes when it succeeds', () => {
    const clock = fakeClock();
    const breaker = createCircuitBreaker({
      failureThreshold: 1,
      cooldownMs: 1_000,
      now: clock.now,
    });
    breaker.admit('users.info');
    breaker.settle(false);
    clock.advance(1_000);
    expect(breaker.state()).toBe('half-open');
    breaker.admit('users.info');
    expect(() => breaker.admit('users.info')).toThrow(SlackCircuitOpenError);
    breaker.settle(true);
    expect(breaker.state()).toBe('closed');
    expect(() => breaker.admit('users.info')).not.toThrow();
  });

  it('opens again for a whole cooldown when the probe fails', () => {
    const clock = fakeClock();
    const breaker = createCircuitBreaker({
      failureThreshold: 5,
      cooldownMs: 1_000,
      now: clock.now,
    });
    for (let round = 0; round < 5; round++) {
      breaker.admit('users.info');
      breaker.settle(false);
    }
    clock.advance(1_000);
    breaker.admit('users.info');
    breaker.settle(false);
    expect(breaker.state()).toBe('open');
    clock.advance(999);
    expect(() => breaker.admit('users.info')).toThrow(SlackCircuitOpenError);
    clock.advance(1);
    expect(breaker.state()).toBe('half-open');
  });

  it('reports an open circuit as a request error naming the method, never a token', () => {
    const error = new SlackCircuitOpenError('conversations.list', 'https://slack.com/api/');
    expect(error.method).toBe('conversations.list');
    expect(error.message).toBe(
      'conversations.list request to https://slack.com/api/ failed: circuit_open',
    );
  });
});

describe('the response shape check', () => {
  it.each([
    ['conversations.info', {}, 'channel'],
    ['conversations.info', { channel: 'C1' }, 'channel'],
    ['conversations.list', { channels: {} }, 'channels'],
    ['conversations.list', { channels: [{ name: 'no id' }] }, 'channels'],
    ['conversations.members', { members: [1] }, 'members'],
    ['conversations.history', { messages: [{ text: 'no ts' }] }, 'messages'],
    ['users.info', { user: { id: 'U1' } }, 'user'],
    ['users.list', { members: null }, 'members'],
    ['auth.test', { user_id: 'U1' }, 'team_id'],
    ['team.info', { team: [] }, 'team'],
  ])('refuses an ok answer of %s shaped %j', (method, body, field) => {
    expect(responseShapeProblem(method, body)).toContain(field);
  });

  it('accepts the shapes Slack sends, and any answer of a method it does not know', () => {
    expect(responseShapeProblem('conversations.info', { channel: { id: 'C1' } })).toBeUndefined();
    expect(responseShapeProblem('conversations.list', { channels: [] })).toBeUndefined();
    expect(
      responseShapeProblem('users.list', { members: [{ id: 'U1', profile: {} }] }),
    ).toBeUndefined();
    expect(responseShapeProblem('conversations.archive', {})).toBeUndefined();
  });
});
