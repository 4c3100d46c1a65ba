import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { Histogram as PromHistogram } from 'prom-client';
import type { Logger } from 'pino';
import {
  CONFIG,
  LOGGER,
  Metrics,
  NotificationDeliveryFailed,
  UnitOfWork,
  SPECIAL_POLICE_UNIT,
} from '#shared';
import { redactContacts, type SendResult } from '../channels/channel-sender.js';
import type { NotificationConfig } from '../config/notification.config.js';
import { isDutyAlert, raisesDeliveryFailed } from '../routing/routing.js';
import { RetrySchedule } from './backoff.js';
import {
  DeliveriesRepository,
  type CircuitSettings,
  type ClaimedDelivery,
  type Completion,
} from './deliveries.repository.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';

/**
 * Records how an attempt ended — the attempt row, the delivery's new state, the recipient's circuit,
 * and, when the last attempt failed (or a duty alert failed its first few), `notification.delivery.failed`
 * through the outbox — in one transaction. Retries follow NOTIFY_RETRY_SCHEDULE.
 */
@Injectable()
export class DeliveryRecorder {
  private readonly outcomes: Counter<'channel' | 'outcome'>;
  private readonly failures: Counter<'channel' | 'event_type'>;
  private readonly latency: Histogram<'channel'>;
  private readonly schedule: RetrySchedule;
  private readonly circuit: CircuitSettings;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly uow: UnitOfWork,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.schedule = RetrySchedule.fromConfig(config);
    this.circuit = {
      threshold: config.NOTIFY_CIRCUIT_FAILURE_THRESHOLD,
      cooldownMs: config.NOTIFY_CIRCUIT_COOLDOWN_MS,
      maxCooldownMs: config.NOTIFY_CIRCUIT_MAX_COOLDOWN_MS,
    };
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

  /**
   * Returns the delay of the next attempt when one is scheduled, and how long the recipient's circuit
   * stays open when this attempt left it open (the dispatcher wakes then for the probe).
   */
  async record(
    d: ClaimedDelivery,
    startedAt: Date,
    finishedAt: Date,
    result: SendResult,
  ): Promise<{ retryInMs?: number; circuitOpenForMs?: number }> {
    // Whatever a channel or provider reports, no contact detail reaches the log, the table or the event.
    const error = redactContacts(result.error ?? (result.ok ? '' : 'send failed')).slice(0, 500);
    const delayMs = result.ok ? undefined : this.schedule.delayAfter(d.attemptsInBudget);
    const completion: Completion = result.ok
      ? { kind: 'delivered' }
      : delayMs === undefined
        ? { kind: 'failed', error }
        : { kind: 'retry', error, delayMs };

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
    const raisesFinal = completion.kind === 'failed' && raisesDeliveryFailed(d.eventType);
    // @clause the duty officer is told at once: when the duty channel's alert keeps failing, the operators hear of it after the first few attempts, not a day later
    const raisesEarly =
      completion.kind === 'retry' &&
      d.org === SPECIAL_POLICE_UNIT &&
      isDutyAlert(d.eventType) &&
      d.attemptsInBudget === this.config.NOTIFY_DUTY_ALERT_AFTER_ATTEMPTS;
    const outcome =
      raisesFinal || raisesEarly
        ? await this.uow.run(async (tx) => {
            const done = await this.deliveries.completeAttempt(tx.em, completion, attemptRow, this.circuit);
            if (!done.applied) return done;
            if (raisesFinal || (await this.deliveries.markEarlyAlert(tx.em, d.id))) {
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
            }
            return done;
          })
        : // The usual case, in one statement (atomic on its own, no transaction round trips): the
          // delivery's new state, its attempt's row and the recipient's circuit.
          await this.deliveries.completeAttempt(undefined, completion, attemptRow, this.circuit);
    const applied = outcome.applied;
    const circuitOpenForMs = outcome.circuitOpenUntil
      ? Math.max(0, outcome.circuitOpenUntil.getTime() - Date.now())
      : undefined;

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
        return { retryInMs: completion.delayMs, circuitOpenForMs };
      case 'failed':
        this.failures.inc({ channel: d.channel, event_type: d.eventType });
        this.logger.error({ ...log, err: error }, 'notification delivery failed for good');
        return { circuitOpenForMs };
    }
  }
}
