/**
 * The whole RabbitMQ topology of the platform, declared by every service at boot, before anything is
 * published, so that no event is ever published to an exchange without its queues.
 *
 * Names below are stored in the broker: they are forever. Changing one needs a migration of the
 * broker's state (new queue, shovel the old one), never an edit.
 */
export const EVENTS_EXCHANGE = 'nrm.events';
/** Dead-letter exchange: where messages that cannot be processed are parked, per consumer. */
export const DEAD_LETTER_EXCHANGE = 'nrm.events.dlx';
/** Alternate exchange of `nrm.events`: catches events that no queue is bound for. */
export const UNROUTED_EXCHANGE = 'nrm.events.unrouted';
export const UNROUTED_QUEUE = 'nrm.events.unrouted';

/** Names of the consuming services. */
export type ConsumerName = 'referral' | 'shelter' | 'compensation' | 'notification' | 'reporting';

/**
 * Which routing keys each service consumes. One durable quorum queue per service is bound to these.
 * The notification service hears every event (it tells people what others decide). Every key listed
 * must have a handler in that service: the consumer refuses to start otherwise.
 */
export const SUBSCRIPTIONS: Record<ConsumerName, readonly string[]> = {
  referral: ['shelter.admission.requested', 'shelter.declined', 'shelter.discharged'],
  shelter: ['service.requested', 'victim.consent.changed', 'victim.safety.changed'],
  compensation: [],
  notification: [
    'referral.reported',
    'referral.handover.requested',
    'referral.handed_over',
    'referral.deadline.approaching',
    'referral.deadline.breached',
    'victim.identified',
    'service.requested',
    'shelter.waitlisted',
    'shelter.admission.requested',
    'shelter.admitted',
    'shelter.declined',
    'shelter.discharged',
    'compensation.payout.requested',
    'compensation.payout.approved',
    'compensation.payout.settled',
    'compensation.payout.failed',
    'notification.delivery.failed',
    // Providers' answers, a victim's safety (R-5: who may learn the facility) and return (R-1.2).
    'service.request.accepted',
    'service.request.declined',
    'service.request.completed',
    'victim.safety.changed',
    'victim.return.changed',
    'referral.closed',
  ],
  // The reporting service's read model: every fact of a victim's path that a report counts.
  reporting: [
    'referral.reported',
    'referral.handed_over',
    'referral.deadline.breached',
    'victim.identified',
    'service.requested',
    'service.request.accepted',
    'service.request.declined',
    'service.request.completed',
    'victim.safety.changed',
    'victim.return.changed',
    'shelter.admission.requested',
    'shelter.waitlisted',
    'shelter.admitted',
    'shelter.declined',
    'shelter.discharged',
    'compensation.payout.settled',
    'compensation.payout.failed',
    'compensation.claim.changed',
    'shelter.plan.changed',
    'shelter.training.changed',
  ],
};

/** Queue names of one consumer: main (quorum), retry tiers (classic, TTL back to main), parking (quorum). */
export function queueNames(consumer: string, retryTiers: number) {
  const main = `${consumer}.events`;
  return {
    main,
    dlq: `${main}.dlq`,
    retry: Array.from({ length: retryTiers }, (_, i) => `${main}.retry.${i + 1}`),
  };
}

/** Retry tiers: attempt n waits RETRY_DELAY * 2^(n-1), capped at the last tier. */
export const RETRY_TIERS = 5;

/**
 * Broker-side limit of deliveries of one message to the main quorum queue. Retries are done by the
 * consumer through retry queues; this limit only catches a message that crashes the process before
 * it can be acked, which the broker then dead-letters instead of redelivering forever.
 */
export const BROKER_DELIVERY_LIMIT = 10;
