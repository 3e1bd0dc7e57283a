import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { EV, eventsWorkspace } from '../fixtures/events-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';
import {
  type EventReceiver,
  hasValidSignature,
  postAsBob,
  type ReceivedRequest,
  startEventReceiver,
} from '../helpers/event-receiver.js';

/**
 * HTTP delivery to a real local Request URL: the url_verification handshake, signed
 * event_callback envelopes, and Slack's retries (schedule compressed to milliseconds through the
 * config) with X-Slack-Retry-Num / X-Slack-Retry-Reason and a stable event_id. Assertions are on
 * counts and headers, never on timing.
 */

let emulator: EmulatorHandle;
let receiver: EventReceiver;

async function deliveries(count: number): Promise<ReceivedRequest[]> {
  await vi.waitFor(() => expect(receiver.callbacks().length).toBeGreaterThanOrEqual(count), {
    timeout: 10_000,
    interval: 5,
  });
  return receiver.callbacks();
}

async function settled(): Promise<void> {
  await vi.waitFor(
    () => {
      const events = emulator.eventStats();
      expect(events.delivered + events.failed).toBe(events.emitted);
    },
    { timeout: 10_000, interval: 5 },
  );
}

beforeAll(async () => {
  receiver = await startEventReceiver();
  emulator = await startTestEmulator(eventsWorkspace(), {
    eventsUrl: receiver.url,
    // Generous, so a busy machine never turns an answered delivery into a timeout; the timeout
    // test shortens it for itself.
    eventTimeoutMs: 10_000,
    eventRetryDelaysMs: [0, 5, 5],
  });
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.answer = () => ({ status: 200 });
  emulator.resetStats();
});

describe('the Request URL', () => {
  it('is verified with a signed url_verification challenge before events go there', async () => {
    receiver.requests.length = 0;
    emulator.configure({ eventsUrl: receiver.url });
    expect(await emulator.eventsUrlVerified()).toBe(true);
    const [handshake] = receiver.requests;
    expect(handshake?.body).toEqual({
      token: 'demo-verification-token',
      challenge: expect.stringMatching(/^\S{16,}$/),
      type: 'url_verification',
    });
    expect(hasValidSignature(handshake as ReceivedRequest, EV.app.signing_secret)).toBe(true);
    expect(emulator.eventStats().verifications).toEqual({ passed: 1, failed: 0 });
  });

  it('fails verification when nothing answers the challenge, and then delivers nothing', async () => {
    const failing = await startTestEmulator(eventsWorkspace());
    try {
      failing.configure({ eventsUrl: 'http://127.0.0.1:9/unreachable' });
      expect(await failing.eventsUrlVerified()).toBe(false);
      expect(failing.eventStats()).toMatchObject({
        verifications: { passed: 0, failed: 1 },
        attempts: 0,
      });
    } finally {
      await failing.close();
    }
  });
});

describe('event_callback deliveries', () => {
  it('are signed with the v0 scheme and carry the whole envelope', async () => {
    await postAsBob(emulator.url, 'signed');
    const [delivery] = await deliveries(1);
    const request = delivery as ReceivedRequest;
    expect(request.headers['content-type']).toBe('application/json');
    expect(hasValidSignature(request, EV.app.signing_secret)).toBe(true);
    expect(hasValidSignature(request, 'another-secret')).toBe(false);
    expect(request.headers['x-slack-retry-num']).toBeUndefined();
    expect(Object.keys(request.body)).toEqual([
      'token',
      'team_id',
      'context_team_id',
      'context_enterprise_id',
      'api_app_id',
      'event',
      'type',
      'event_id',
      'event_time',
      'authorizations',
      'is_ext_shared_channel',
      'event_context',
    ]);
    expect(request.body).toMatchObject({
      type: 'event_callback',
      team_id: EV.team,
      api_app_id: EV.app.id,
      event: { type: 'message', text: 'signed', user: EV.users.bob, channel_type: 'channel' },
      event_time: expect.any(Number),
    });
    await settled();
    expect(emulator.eventStats()).toMatchObject({
      emitted: 1,
      attempts: 1,
      retries: 0,
      delivered: 1,
    });
  });

  it('are retried after non-2xx answers with the same event_id, numbered, reason http_error', async () => {
    receiver.answer = (_request, index) => ({ status: index < 2 ? 500 : 200 });
    await postAsBob(emulator.url, 'retry me');
    const all = await deliveries(3);
    await settled();
    expect(all).toHaveLength(3);
    expect(new Set(all.map((request) => request.body.event_id)).size).toBe(1);
    expect(all.map((request) => request.headers['x-slack-retry-num'])).toEqual([
      undefined,
      '1',
      '2',
    ]);
    expect(all.map((request) => request.headers['x-slack-retry-reason'])).toEqual([
      undefined,
      'http_error',
      'http_error',
    ]);
    for (const request of all) expect(hasValidSignature(request, EV.app.signing_secret)).toBe(true);
    expect(emulator.eventStats()).toMatchObject({
      attempts: 3,
      retries: 2,
      delivered: 1,
      failed: 0,
    });
  });

  it('are retried with reason http_timeout when not answered in time', async () => {
    receiver.answer = (_request, index) => (index === 0 ? { hang: true } : { status: 200 });
    emulator.configure({ eventTimeoutMs: 200 });
    await postAsBob(emulator.url, 'slow');
    const all = await deliveries(2);
    await settled();
    emulator.configure({ eventTimeoutMs: 10_000 });
    expect(all[1]?.headers['x-slack-retry-num']).toBe('1');
    expect(all[1]?.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(all[1]?.body.event_id).toBe(all[0]?.body.event_id);
  });

  it('stop after three retries (four attempts) and count the event as failed', async () => {
    receiver.answer = () => ({ status: 503 });
    await postAsBob(emulator.url, 'never');
    await settled();
    expect(receiver.callbacks().map((request) => request.headers['x-slack-retry-num'])).toEqual([
      undefined,
      '1',
      '2',
      '3',
    ]);
    expect(emulator.eventStats()).toMatchObject({
      attempts: 4,
      retries: 3,
      delivered: 0,
      failed: 1,
    });
  });

  it('are not retried when the answer carries X-Slack-No-Retry: 1', async () => {
    receiver.answer = () => ({ status: 400, headers: { 'x-slack-no-retry': '1' } });
    await postAsBob(emulator.url, 'no retry');
    await settled();
    expect(receiver.callbacks()).toHaveLength(1);
    expect(emulator.eventStats()).toMatchObject({ attempts: 1, failed: 1 });
  });
});
