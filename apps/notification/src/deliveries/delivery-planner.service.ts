import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Counter } from 'prom-client';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, Metrics, type Envelope, type Transaction } from '#shared';
import type { NotificationConfig } from '../config/notification.config.js';
import { RecipientsRepository } from '../recipients/recipients.repository.js';
import { routeEvent } from '../routing/routing.js';
import { hasTemplate, renderMessage } from '../templates/render.js';
import { extractVariables } from '../templates/variables.js';
import { DeliveriesRepository, type PlannedDelivery } from './deliveries.repository.js';

/**
 * Turns an incoming event into deliveries, inside the inbox transaction of the event: the event is
 * marked processed and its deliveries exist, or neither. Nothing is sent here; the dispatcher sends
 * after the commit.
 */
@Injectable()
export class DeliveryPlanner {
  private readonly operatorOrgs: string[];
  private readonly unrouted: Counter<'type'>;

  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(CONFIG) config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.operatorOrgs = config.NOTIFY_OPERATOR_ORGS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    this.unrouted = metrics.counter(
      'notification_events_without_recipient_total',
      'Routed events for which no active recipient exists, by event type',
      ['type'],
    );
  }

  /** Plans one delivery per (event, recipient, channel); returns the ids of the new ones. */
  // @clause one delivery per recipient of the special police unit; an unheard referral is made loud
  async plan(event: Envelope<object>, tx: Transaction): Promise<string[]> {
    const data = event.data as Record<string, unknown>;
    const orgs = routeEvent(event.type, data, { operatorOrgs: this.operatorOrgs });
    if (orgs.length === 0 || !hasTemplate(event.type)) return [];
    const recipients = await this.recipients.activeForOrgs(tx.em, orgs);
    if (recipients.length === 0) {
      // An unheard referral is an failure: make it loud, not silent.
      this.unrouted.inc({ type: event.type });
      this.logger.error(
        { eventId: event.id, type: event.type, orgs },
        'no active recipient for an event that must be notified',
      );
      return [];
    }
    const variables = extractVariables(event, data);
    const rows: PlannedDelivery[] = recipients.map((r) => {
      const message = renderMessage(event.type, r.language, variables);
      return {
        id: randomUUID(),
        eventId: event.id,
        eventType: event.type,
        eventOccurredAt: event.occurredAt,
        correlationId: event.correlationId,
        recipientId: r.id,
        org: r.org,
        channel: r.channel,
        language: message.language,
        subject: message.subject,
        body: message.text,
        variables,
      };
    });
    const ids = await this.deliveries.insertPlanned(tx.em, rows);
    this.logger.info({ eventId: event.id, type: event.type, deliveries: ids.length }, 'deliveries planned');
    return ids;
  }
}
