import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PagePosition } from '../common/cursor.js';
import type { Channel, Language } from '../routing/channels.js';
import type { AttemptOutcome } from './delivery-attempt.entity.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import { Delivery, type DeliveryStatus } from './delivery.entity.js';

/** A delivery to plan, as inserted in the event handler's transaction. */
export interface PlannedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  eventOccurredAt: string;
  correlationId: string;
  recipientId: string;
  org: string;
  channel: Channel;
  language: Language;
  subject: string;
  body: string;
  variables: Record<string, string>;
}

/** A delivery claimed by a dispatcher for one attempt (`attempts` already counts it). */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  eventOccurredAt: Date;
  correlationId: string;
  recipientId: string;
  channel: Channel;
  language: Language;
  subject: string;
  body: string;
  variables: Record<string, string>;
  attempts: number;
  /** Attempts made since the delivery was planned or last re-driven (this one included). */
  attemptsInBudget: number;
}

/** How an attempt ends for the delivery. */
export type Completion =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'failed'; error: string };

interface ClaimedRow {
  id: string;
  event_id: string;
  event_type: string;
  event_occurred_at: Date;
  correlation_id: string;
  recipient_id: string;
  channel: Channel;
  language: Language;
  subject: string;
  body: string;
  variables: Record<string, string>;
  attempts: number;
  attempts_before_redrive: number;
}

/** Every query on `notification.deliveries` and `notification.delivery_attempts`. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts planned deliveries; one that exists already for (event, recipient, channel) is skipped
   * by the unique key, so a replayed event never plans a second notification. Returns the ids inserted.
   */
  async insertPlanned(em: EntityManager, rows: PlannedDelivery[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(
        r.id,
        r.eventId,
        r.eventType,
        r.eventOccurredAt,
        r.correlationId,
        r.recipientId,
        r.org,
        r.channel,
        r.language,
        r.subject,
        r.body,
        JSON.stringify(r.variables),
      );
      const b = i * 12;
      const p = Array.from({ length: 12 }, (_, k) => `$${b + k + 1}`);
      p[11] = `${p[11]}::jsonb`;
      return `(${p.join(', ')})`;
    });
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO "notification".deliveries
         (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language, subject, body, variables)
       VALUES ${tuples.join(', ')}
       ON CONFLICT ON CONSTRAINT deliveries_delivery_key DO NOTHING
       RETURNING id`,
      values,
    );
    return inserted.map((r) => r.id);
  }

  /**
   * Claims up to `limit` due deliveries for this instance: pending ones whose time has come, and
   * "sending" ones whose lease ran out (their instance died mid-attempt). `FOR UPDATE SKIP LOCKED`
   * lets several instances claim side by side without taking the same row.
   *
   * No recipient ever holds more than `perRecipient` attempts in flight (across instances): a
   * recipient at its cap is left out of the candidates, and the rest are ranked per recipient, so
   * a slow or dead receiver with a long backlog cannot fill the dispatchers' slots and hold up
   * everyone else's notifications.
   */
  async claimDue(limit: number, leaseMs: number, perRecipient: number): Promise<ClaimedDelivery[]> {
    const raw: unknown = await this.dataSource.query(
      `WITH in_flight AS (
         SELECT recipient_id, count(*)::int AS n
           FROM "notification".deliveries
          WHERE status = 'sending' AND lease_until >= now()
          GROUP BY recipient_id
       ), due AS (
         -- two index-backed halves (an OR of them scanned every delivery ever made, at each claim)
         SELECT d.id, d.recipient_id, d.next_attempt_at
           FROM "notification".deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND d.recipient_id NOT IN (SELECT recipient_id FROM in_flight WHERE n >= $3)
          ORDER BY d.next_attempt_at
          LIMIT $4
          FOR UPDATE OF d SKIP LOCKED
       ), abandoned AS (
         SELECT d.id, d.recipient_id, d.next_attempt_at
           FROM "notification".deliveries d
          WHERE d.status = 'sending' AND d.lease_until < now()
            AND d.recipient_id NOT IN (SELECT recipient_id FROM in_flight WHERE n >= $3)
          ORDER BY d.lease_until
          LIMIT $4
          FOR UPDATE OF d SKIP LOCKED
       ), candidates AS (
         SELECT * FROM due UNION ALL SELECT * FROM abandoned
       ), chosen AS (
         SELECT id FROM (
           SELECT c.id, c.next_attempt_at,
                  row_number() OVER (PARTITION BY c.recipient_id ORDER BY c.next_attempt_at) + coalesce(f.n, 0) AS slot
             FROM candidates c LEFT JOIN in_flight f ON f.recipient_id = c.recipient_id
         ) ranked
         WHERE slot <= $3
         ORDER BY next_attempt_at
         LIMIT $1
       )
       UPDATE "notification".deliveries d
          SET status = 'sending', attempts = d.attempts + 1, lease_until = now() + $2 * interval '1 millisecond'
         FROM chosen
        WHERE d.id = chosen.id
       RETURNING d.id, d.event_id, d.event_type, d.event_occurred_at, d.correlation_id, d.recipient_id, d.channel,
                 d.language, d.subject, d.body, d.variables, d.attempts, d.attempts_before_redrive`,
      [limit, leaseMs, perRecipient, limit * 4],
    );
    return updatedRows<ClaimedRow>(raw).map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      eventOccurredAt: new Date(r.event_occurred_at),
      correlationId: r.correlation_id,
      recipientId: r.recipient_id,
      channel: r.channel,
      language: r.language,
      subject: r.subject,
      body: r.body,
      variables: r.variables,
      attempts: Number(r.attempts),
      attemptsInBudget: Number(r.attempts) - Number(r.attempts_before_redrive),
    }));
  }

  /**
   * Ends the claimed attempt `attempt` of a delivery. Guarded by status and attempt number: if the
   * lease ran out and another instance claimed the delivery since, nothing changes (returns false).
   */
  async complete(em: EntityManager, id: string, attempt: number, completion: Completion): Promise<boolean> {
    const [sql, params] = completionSql(completion);
    const raw: unknown = await em.query(
      `UPDATE "notification".deliveries ${sql} WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
      [id, attempt, ...params],
    );
    return updatedRows(raw).length > 0;
  }

  /**
   * {@link complete} and {@link insertAttempt} in one statement, atomic by itself: the attempt's row is
   * written only if this dispatcher still held the delivery's lease.
   */
  async completeWithAttempt(
    id: string,
    attempt: number,
    completion: Completion,
    a: DeliveryAttempt,
  ): Promise<boolean> {
    const [sql, params] = completionSql(completion);
    const raw: unknown = await this.dataSource.query(
      `WITH done AS (
         UPDATE "notification".deliveries ${sql} WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id
       )
       INSERT INTO "notification".delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, response_code, error)
       SELECT id, $2, $${params.length + 3}, $${params.length + 4}, $${params.length + 5}, $${params.length + 6}, $${params.length + 7} FROM done
       RETURNING delivery_id`,
      [id, attempt, ...params, a.startedAt, a.finishedAt, a.outcome, a.responseCode, a.error],
    );
    return updatedRows(raw).length > 0;
  }

  /**
   * Puts a failed delivery back in the queue with a fresh budget of attempts. Returns false if it is
   * not (or no longer) failed; the row lock of the UPDATE makes two concurrent re-drives one.
   */
  async redrive(id: string, by: string): Promise<boolean> {
    const raw: unknown = await this.dataSource.query(
      `UPDATE "notification".deliveries
          SET status = 'pending', failed_at = NULL, next_attempt_at = now(), attempts_before_redrive = attempts,
              redriven_at = now(), redriven_by = $2
        WHERE id = $1 AND status = 'failed'
       RETURNING id`,
      [id, by],
    );
    return updatedRows(raw).length > 0;
  }

  /** Deliveries waiting or in flight, and how late the most overdue one is (seconds, 0 if none). */
  async backlog(): Promise<{ pending: number; sending: number; overdueSeconds: number }> {
    const [row]: { pending: number; sending: number; overdue: number | null }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'sending')::int AS sending,
              extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'pending' AND next_attempt_at <= now()))::float8 AS overdue
         FROM "notification".deliveries
        WHERE status IN ('pending', 'sending')`,
    );
    return {
      pending: row?.pending ?? 0,
      sending: row?.sending ?? 0,
      overdueSeconds: Math.max(0, row?.overdue ?? 0),
    };
  }

  async insertAttempt(em: EntityManager, attempt: DeliveryAttempt): Promise<void> {
    await em.getRepository(DeliveryAttempt).insert(attempt);
  }

  async list(filter: {
    eventId?: string;
    recipientId?: string;
    status?: DeliveryStatus;
    org?: string;
    after?: PagePosition;
    limit: number;
  }): Promise<Delivery[]> {
    const qb = this.dataSource.getRepository(Delivery).createQueryBuilder('d');
    if (filter.eventId) qb.andWhere('d.event_id = :eventId', { eventId: filter.eventId });
    if (filter.recipientId) qb.andWhere('d.recipient_id = :recipientId', { recipientId: filter.recipientId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.org) qb.andWhere('d.org = :org', { org: filter.org });
    if (filter.after)
      qb.andWhere('(d.created_at, d.id) < (:at, :id)', { at: filter.after.createdAt, id: filter.after.id });
    return qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(filter.limit).getMany();
  }

  findById(id: string): Promise<Delivery | null> {
    return this.dataSource.getRepository(Delivery).findOneBy({ id });
  }

  /** Attempts of the given deliveries, in order. */
  async attemptsOf(deliveryIds: string[]): Promise<DeliveryAttempt[]> {
    if (deliveryIds.length === 0) return [];
    return this.dataSource
      .getRepository(DeliveryAttempt)
      .createQueryBuilder('a')
      .where('a.delivery_id = ANY(:ids)', { ids: deliveryIds })
      .orderBy('a.delivery_id')
      .addOrderBy('a.attempt')
      .getMany();
  }
}

export type { AttemptOutcome };

/** TypeORM answers an UPDATE … RETURNING on Postgres with `[rows, rowCount]`, other statements with rows. */
function updatedRows<T>(raw: unknown): T[] {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number')
    return raw[0] as T[];
  return raw as T[];
}

/** The SET clause of a completion and its parameters ($3 onwards). */
function completionSql(completion: Completion): [string, unknown[]] {
  switch (completion.kind) {
    case 'delivered':
      return [`SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL`, []];
    case 'retry':
      return [
        `SET status = 'pending', lease_until = NULL, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond'`,
        [completion.error, completion.delayMs],
      ];
    case 'failed':
      return [
        `SET status = 'failed', failed_at = now(), lease_until = NULL, last_error = $3`,
        [completion.error],
      ];
  }
}
