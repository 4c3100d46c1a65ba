import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Counter } from 'prom-client';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, Metrics, UnitOfWork, type Envelope, type Transaction } from '#shared';
import type { NotificationConfig } from '../config/notification.config.js';
import { DisclosureRepository } from '../disclosure/disclosure.repository.js';
import { RecipientsRepository, type RoutableRecipient } from '../recipients/recipients.repository.js';
import { DUTY_ALERT_TYPES, discloseTo, isDutyAlert, routeEvent } from '../routing/routing.js';
import { TEMPLATES } from '../templates/catalogue.js';
import { hasTemplate, renderMessage } from '../templates/render.js';
import { extractVariables } from '../templates/variables.js';
import { DeliveriesRepository, type PlannedDelivery, type WaitingEvent } from './deliveries.repository.js';

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
    private readonly uow: UnitOfWork,
    private readonly disclosures: DisclosureRepository,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.operatorOrgs = config.NOTIFY_OPERATOR_ORGS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    this.unrouted = metrics.counter(
      'notification_events_without_recipient_total',
      'Routed events (per organisation) for which no active recipient existed when they arrived, by event type',
      ['type'],
    );
  }

  /**
   * Plans one delivery per (event, recipient, channel); returns the ids of the new ones. An
   * organisation the event is routed to that has no active recipient gets the event as *waiting for
   * a recipient* instead (planned when one is registered, for as long as the event matters).
   */
  // @clause one delivery per recipient of the special police unit; an unheard referral is made loud and waits for a recipient
  async plan(event: Envelope<object>, tx: Transaction): Promise<string[]> {
    const data = event.data as Record<string, unknown>;
    const referralId = typeof data.referralId === 'string' ? data.referralId : null;
    if ((event.type === 'referral.handed_over' || event.type === 'referral.closed') && referralId) {
      // The duty channel's alerts about a referral matter until it is handed over; nothing about a
      // closed referral waits any more.
      const types = event.type === 'referral.closed' ? ALL_WAITING_TYPES : DUTY_ALERT_TYPES;
      const ended = await this.deliveries.endWaitingForReferral(tx.em, referralId, types);
      if (ended > 0) this.logger.info({ eventId: event.id, ended }, 'waiting alerts of the referral ended');
    }
    // who may learn where the victim stays (kept as a small view of the latest assessment).
    if (event.type === 'victim.safety.changed') {
      const s = data as {
        victimRef: string;
        restrictDisclosure: boolean;
        riskLevel: string;
        assessedAt: string;
      };
      await this.disclosures.record(tx.em, {
        victimRef: s.victimRef,
        restrictDisclosure: s.restrictDisclosure,
        riskLevel: s.riskLevel,
        assessedAt: s.assessedAt,
      });
    }
    const orgs = routeEvent(event.type, data, { operatorOrgs: this.operatorOrgs });
    if (orgs.length === 0 || !hasTemplate(event.type)) return [];
    const recipients = await this.recipients.activeForOrgs(tx.em, orgs);
    const variables = extractVariables(event, data);
    const pending = {
      eventId: event.id,
      eventType: event.type,
      eventOccurredAt: event.occurredAt,
      correlationId: event.correlationId,
      variables,
      expiresAt: this.expiryOf(event.type, event.occurredAt),
      referralId,
    };
    const unheard = orgs.filter((org) => !recipients.some((r) => r.org === org));
    if (unheard.length > 0) {
      const waiting = await this.deliveries.insertWaiting(
        tx.em,
        unheard.map((org) => ({ id: randomUUID(), org, ...pending })),
      );
      // An unheard referral is an failure: make it loud, not silent.
      this.unrouted.inc({ type: event.type }, unheard.length);
      this.logger.error(
        { eventId: event.id, type: event.type, orgs: unheard, waiting },
        'no active recipient for an event that must be notified; it waits for one',
      );
    }
    const restricted =
      recipients.length > 0
        ? await this.disclosures.restricted(tx.em, victimRefs([variables]))
        : new Set<string>();
    const ids = await this.deliveries.insertPlanned(tx.em, this.rowsFor(pending, recipients, restricted));
    if (ids.length > 0)
      this.logger.info({ eventId: event.id, type: event.type, deliveries: ids.length }, 'deliveries planned');
    return ids;
  }

  /**
   * Plans the events waiting for a recipient of `org` (or of any organisation that has one now), in
   * one transaction per batch; returns how many events were planned.
   */
  async releaseWaiting(org?: string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.uow.run(async (tx) => {
        const waiting = await this.deliveries.takeWaiting(tx.em, { org, limit: 200 });
        if (waiting.length === 0) return 0;
        const recipients = await this.recipients.activeForOrgs(tx.em, [
          ...new Set(waiting.map((w) => w.org)),
        ]);
        const restricted = await this.disclosures.restricted(
          tx.em,
          victimRefs(waiting.map((w) => w.variables)),
        );
        const rows = waiting.flatMap((w) =>
          this.rowsFor(
            w,
            recipients.filter((r) => r.org === w.org),
            restricted,
          ),
        );
        await this.deliveries.insertPlanned(tx.em, rows);
        return waiting.length;
      });
      total += n;
      if (n < 200) break;
    }
    if (total > 0) this.logger.info({ org, events: total }, 'waiting events planned for new recipients');
    return total;
  }

  /** One delivery per recipient, its message in the recipient's language with what it may see. */
  private rowsFor(
    e: Omit<WaitingEvent, 'id' | 'org'>,
    recipients: RoutableRecipient[],
    restricted: Set<string>,
  ): PlannedDelivery[] {
    const isRestricted = e.variables.victimRef !== undefined && restricted.has(e.variables.victimRef);
    return recipients.map((r) => {
      const variables = discloseTo(r.org, e.variables, isRestricted);
      const message = renderMessage(e.eventType, r.language, variables);
      return {
        id: randomUUID(),
        eventId: e.eventId,
        eventType: e.eventType,
        eventOccurredAt: e.eventOccurredAt,
        correlationId: e.correlationId,
        recipientId: r.id,
        org: r.org,
        channel: r.channel,
        language: message.language,
        subject: message.subject,
        body: message.text,
        variables,
        expiresAt: e.expiresAt,
        referralId: e.referralId,
      };
    });
  }

  /** How long an event still matters to a recipient registered late. */
  private expiryOf(eventType: string, occurredAt: string): Date {
    const from = Math.max(Date.parse(occurredAt) || Date.now(), 0);
    // Duty alerts: until the referral is handed over (ended by that event), at most this long.
    const ttl = isDutyAlert(eventType)
      ? this.config.NOTIFY_DUTY_WAITING_MAX_MS
      : this.config.NOTIFY_WAITING_TTL_MS;
    return new Date(from + ttl);
  }
}

/** Every event type that may wait for a recipient (those with a message). */
const ALL_WAITING_TYPES: readonly string[] = Object.keys(TEMPLATES);

function victimRefs(variables: Readonly<Record<string, string>>[]): string[] {
  return [...new Set(variables.map((v) => v.victimRef).filter((v): v is string => typeof v === 'string'))];
}
