import pino from 'pino';
import {
  Metrics,
  NotificationDeliveryFailed,
  loadConfig,
  type EventContract,
  type Transaction,
  type UnitOfWork,
} from '#shared';
import { NotificationConfig } from '../config/notification.config.js';
import type { ClaimedDelivery, Completion, DeliveriesRepository } from './deliveries.repository.js';
import type { DeliveryAttempt } from './delivery-attempt.entity.js';
import { DeliveryRecorder } from './delivery-recorder.service.js';

const config = loadConfig(NotificationConfig, {
  DATABASE_URL: 'postgres://localhost/x',
  JWT_PUBLIC_KEY: 'x',
  RECIPIENT_SECRET_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
  RECIPIENT_SECRET_ACTIVE_KEY_ID: 'k',
  NOTIFY_MAX_ATTEMPTS: '3',
  NOTIFY_BASE_DELAY_MS: '1000',
  NOTIFY_MAX_DELAY_MS: '60000',
});

function setup(opts: { leaseHeld?: boolean } = {}) {
  const completions: Completion[] = [];
  const attempts: DeliveryAttempt[] = [];
  const published: { contract: EventContract; data: object }[] = [];
  const earlyMarks: string[] = [];
  const repo = {
    completeAttempt: async (_em: unknown, c: Completion, a: DeliveryAttempt) => {
      completions.push(c);
      if (!(opts.leaseHeld ?? true)) return { applied: false };
      attempts.push(a);
      return { applied: true };
    },
    markEarlyAlert: async (_em: unknown, id: string) => {
      if (earlyMarks.includes(id)) return false;
      earlyMarks.push(id);
      return true;
    },
  } as unknown as DeliveriesRepository;
  const uow = {
    run: async <R>(work: (tx: Transaction) => Promise<R>) =>
      work({
        em: {} as Transaction['em'],
        publish: (contract, data) => (published.push({ contract, data }), {} as never),
      }),
  } as unknown as UnitOfWork;
  const recorder = new DeliveryRecorder(
    repo,
    uow,
    config,
    pino({ level: 'silent' }),
    new Metrics('notification-test'),
  );
  return { recorder, completions, attempts, published };
}

function claimed(
  attempts: number,
  eventType = 'referral.reported',
  attemptsInBudget = attempts,
  org = 'SH-1',
): ClaimedDelivery {
  return {
    id: '6f1c1a52-5d0a-4a39-9d5e-1f6f3f2a0001',
    eventId: '6f1c1a52-5d0a-4a39-9d5e-1f6f3f2a0002',
    eventType,
    eventOccurredAt: new Date(),
    correlationId: 'corr-1',
    recipientId: '6f1c1a52-5d0a-4a39-9d5e-1f6f3f2a0003',
    org,
    channel: 'webhook',
    language: 'en',
    subject: 's',
    body: 'b',
    variables: {},
    attempts,
    attemptsInBudget,
  };
}

const started = new Date('2026-11-25T10:00:00Z');
const finished = new Date('2026-11-25T10:00:01Z');

describe(DeliveryRecorder.name, () => {
  it('marks a successful attempt delivered and records it with the response code', async () => {
    const { recorder, completions, attempts, published } = setup();
    expect(await recorder.record(claimed(1), started, finished, { ok: true, responseCode: 204 })).toEqual({});
    expect(completions).toEqual([{ kind: 'delivered' }]);
    expect(attempts[0]).toMatchObject({
      attempt: 1,
      outcome: 'delivered',
      responseCode: 204,
      error: null,
      startedAt: started,
      finishedAt: finished,
    });
    expect(published).toEqual([]);
  });

  it('schedules a retry with exponential backoff while attempts remain', async () => {
    const { recorder, completions, attempts } = setup();
    const { retryInMs } = await recorder.record(claimed(2), started, finished, {
      ok: false,
      responseCode: 503,
      error: 'HTTP 503',
    });
    expect(retryInMs).toBeGreaterThanOrEqual(1000);
    expect(retryInMs).toBeLessThanOrEqual(2000);
    expect(completions).toEqual([{ kind: 'retry', delayMs: retryInMs, error: 'HTTP 503' }]);
    expect(attempts[0]).toMatchObject({
      attempt: 2,
      outcome: 'failed',
      responseCode: 503,
      error: 'HTTP 503',
    });
  });

  it('gives a re-driven delivery a fresh budget of attempts', async () => {
    const { recorder, completions, attempts } = setup();
    const { retryInMs } = await recorder.record(claimed(4, 'referral.reported', 1), started, finished, {
      ok: false,
      error: 'HTTP 502',
    });
    expect(retryInMs).toBeDefined();
    expect(completions[0]?.kind).toBe('retry');
    expect(attempts[0]?.attempt).toBe(4);
  });

  it('records a timed-out attempt as a timeout', async () => {
    const { recorder, attempts } = setup();
    await recorder.record(claimed(1), started, finished, { ok: false, timedOut: true, error: 'timed out' });
    expect(attempts[0]).toMatchObject({ outcome: 'timeout', responseCode: null });
  });

  it('gives up after the last attempt and raises notification.delivery.failed in the same transaction', async () => {
    const { recorder, completions, published } = setup();
    expect(
      await recorder.record(claimed(3), started, finished, {
        ok: false,
        error: 'ECONNREFUSED: fetch failed',
      }),
    ).toEqual({});
    expect(completions).toEqual([{ kind: 'failed', error: 'ECONNREFUSED: fetch failed' }]);
    expect(published).toEqual([
      {
        contract: NotificationDeliveryFailed,
        data: {
          deliveryId: claimed(3).id,
          eventId: claimed(3).eventId,
          eventType: 'referral.reported',
          recipientId: claimed(3).recipientId,
          channel: 'webhook',
          attempts: 3,
          lastError: 'ECONNREFUSED: fetch failed',
        },
      },
    ]);
  });

  it('raises nothing when a notification about a failed delivery fails for good (no loops)', async () => {
    const { recorder, completions, published } = setup();
    await recorder.record(claimed(3, 'notification.delivery.failed'), started, finished, {
      ok: false,
      error: 'HTTP 500',
    });
    expect(completions).toEqual([{ kind: 'failed', error: 'HTTP 500' }]);
    expect(published).toEqual([]);
  });

  it('records nothing when the lease passed to another dispatcher meanwhile', async () => {
    const { recorder, attempts, published } = setup({ leaseHeld: false });
    expect(await recorder.record(claimed(3), started, finished, { ok: false, error: 'HTTP 500' })).toEqual(
      {},
    );
    expect(attempts).toEqual([]);
    expect(published).toEqual([]);
  });

  it('R-4.1 tells the operators early when a duty alert to the special police unit keeps failing, and keeps retrying', async () => {
    const { recorder, completions, published } = setup();
    // NOTIFY_DUTY_ALERT_AFTER_ATTEMPTS is 2 by default: nothing after the first failure …
    await recorder.record(claimed(1, 'referral.reported', 1, 'MIA-SPU'), started, finished, {
      ok: false,
      error: 'connection refused',
    });
    expect(published).toEqual([]);
    // … the second raises notification.delivery.failed while the delivery is retried.
    const { retryInMs } = await recorder.record(
      claimed(2, 'referral.reported', 2, 'MIA-SPU'),
      started,
      finished,
      {
        ok: false,
        error: 'connection refused',
      },
    );
    expect(retryInMs).toBeDefined();
    expect(completions.map((c) => c.kind)).toEqual(['retry', 'retry']);
    expect(published).toEqual([
      {
        contract: NotificationDeliveryFailed,
        data: expect.objectContaining({
          eventType: 'referral.reported',
          attempts: 2,
          lastError: 'connection refused',
        }),
      },
    ]);
  });

  it('raises no early alert for other events or organisations', async () => {
    const { recorder, published } = setup();
    await recorder.record(claimed(2, 'shelter.admission.requested', 2, 'MIA-SPU'), started, finished, {
      ok: false,
      error: 'HTTP 500',
    });
    await recorder.record(claimed(2, 'referral.reported', 2, 'NGO-1'), started, finished, {
      ok: false,
      error: 'HTTP 500',
    });
    expect(published).toEqual([]);
  });
});
