import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { Histogram as PromHistogram } from 'prom-client';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, Metrics, NotificationDeliveryFailed, UnitOfWork } from '#shared';
import { redactContacts, type SendResult } from '../channels/channel-sender.js';
import type { NotificationConfig } from '../config/notification.config.js';
import { raisesDeliveryFailed } from '../routing/routing.js';
import { retryDelayMs } from './backoff.js';
import { DeliveriesRepository, type ClaimedDelivery, type Completion } from './deliveries.repository.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';

/**
 * Records how an attempt ended — the attempt row, the delivery's new state, and, when the last
 * attempt failed, `notification.delivery.failed` through the outbox — in one transaction.
 */
@Injectable()
export class DeliveryRecorder {
  private readonly outcomes: Counter<'channel' | 'outcome'>;
  private readonly failures: Counter<'channel' | 'event_type'>;
  private readonly latency: Histogram<'channel'>;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly uow: UnitOfWork,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.outcomes = metrics.counter(
      'notification_delivery_attempts_total',
      'Delivery attempts by channel and outcome (delivered, retry, failed)',
      ['channel', 'outcome'],
    );
    this.failures = metrics.counter(
      'notification_deliveries_failed_total',
      'Deliveries given up after their last attempt, by channel and event type',
      ['channel', 'event_type'],
    );
    const existing = metrics.registry.getSingleMetric('notification_delivery_seconds') as
      Histogram<'channel'> | undefined;
    this.latency =
      existing ??
      new PromHistogram({
        name: 'notification_delivery_seconds',
        help: 'Time from the event occurring to its notification being accepted by the receiver',
        labelNames: ['channel'] as const,
        buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
        registers: [metrics.registry],
      });
  }

  /** Returns the delay of the next attempt when one is scheduled. */
  async record(
    d: ClaimedDelivery,
    startedAt: Date,
    finishedAt: Date,
    result: SendResult,
  ): Promise<{ retryInMs?: number }> {
    // Whatever a channel or provider reports, no contact detail reaches the log, the table or the event.
    const error = redactContacts(result.error ?? (result.ok ? '' : 'send failed')).slice(0, 500);
    const completion: Completion = result.ok
      ? { kind: 'delivered' }
      : d.attemptsInBudget >= this.config.NOTIFY_MAX_ATTEMPTS
        ? { kind: 'failed', error }
        : {
            kind: 'retry',
            error,
            delayMs: retryDelayMs(d.attemptsInBudget, {
              baseMs: this.config.NOTIFY_BASE_DELAY_MS,
              maxMs: this.config.NOTIFY_MAX_DELAY_MS,
            }),
          };

    const attemptRow = Object.assign(new DeliveryAttempt(), {
      deliveryId: d.id,
      attempt: d.attempts,
      startedAt,
      finishedAt,
      outcome: result.ok ? 'delivered' : result.timedOut ? 'timeout' : 'failed',
      responseCode: result.responseCode ?? null,
      error: result.ok ? null : error,
    });
    // A failed notification about a failed delivery raises nothing more (no loops).
    const raises = completion.kind === 'failed' && raisesDeliveryFailed(d.eventType);
    const applied = raises
      ? await this.uow.run(async (tx) => {
          const updated = await this.deliveries.complete(tx.em, d.id, d.attempts, completion);
          if (!updated) return false;
          await this.deliveries.insertAttempt(tx.em, attemptRow);
          tx.publish(
            NotificationDeliveryFailed,
            {
              deliveryId: d.id,
              eventId: d.eventId,
              eventType: d.eventType,
              recipientId: d.recipientId,
              channel: d.channel,
              attempts: d.attempts,
              lastError: error,
            },
            { aggregateId: d.id, correlationId: d.correlationId, causationId: d.eventId },
          );
          return true;
        })
      : // The usual case, in one statement (atomic on its own, no transaction round trips): the
        // delivery's new state and its attempt's row.
        await this.deliveries.completeWithAttempt(d.id, d.attempts, completion, attemptRow);

    if (!applied) {
      this.logger.warn(
        { deliveryId: d.id, attempt: d.attempts },
        'attempt finished after its lease passed to another dispatcher; not recorded',
      );
      return {};
    }
    this.outcomes.inc({ channel: d.channel, outcome: completion.kind });
    const log = {
      deliveryId: d.id,
      eventId: d.eventId,
      type: d.eventType,
      channel: d.channel,
      attempt: d.attempts,
      responseCode: result.responseCode,
    };
    switch (completion.kind) {
      case 'delivered':
        this.latency.observe(
          { channel: d.channel },
          Math.max(0, finishedAt.getTime() - d.eventOccurredAt.getTime()) / 1000,
        );
        this.logger.info(log, 'notification delivered');
        return {};
      case 'retry':
        this.logger.warn(
          { ...log, err: error, retryInMs: completion.delayMs },
          'notification attempt failed; will retry',
        );
        return { retryInMs: completion.delayMs };
      case 'failed':
        this.failures.inc({ channel: d.channel, event_type: d.eventType });
        this.logger.error({ ...log, err: error }, 'notification delivery failed for good');
        return {};
    }
  }
}
