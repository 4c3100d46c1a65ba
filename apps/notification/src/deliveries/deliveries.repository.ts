import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PagePosition } from '../common/cursor.js';
import type { Channel, Language } from '../routing/channels.js';
import { DUTY_ALERT_TYPES } from '../routing/routing.js';
import type { AttemptOutcome } from './delivery-attempt.entity.js';
import { Coalescer } from './coalescer.js';
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
  /** Until when the event still matters if it has to wait for a recipient. */
  expiresAt: Date;
  /** The referral an event is about (its duty alerts stop waiting once it is handed over). */
  referralId: string | null;
}

/** An event of an organisation that has no active recipient yet (a delivery without a recipient). */
export interface WaitingEvent {
  id: string;
  eventId: string;
  eventType: string;
  eventOccurredAt: string;
  correlationId: string;
  org: string;
  variables: Record<string, string>;
  expiresAt: Date;
  referralId: string | null;
}

/** Circuit breaker settings (NOTIFY_CIRCUIT_*). */
export interface CircuitSettings {
  threshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

/** A delivery claimed by a dispatcher for one attempt (`attempts` already counts it). */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  eventOccurredAt: Date;
  correlationId: string;
  recipientId: string;
  org: string;
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
  org: string;
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
  /**
   * Successful attempts completing while another batch of them is written go together in one
   * statement ({@link completeDelivered}): in a burst, one round trip for many deliveries.
   */
  private readonly delivered = new Coalescer<DeliveryAttempt, boolean>((batch) =>
    this.completeDelivered(batch),
  );

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
        r.expiresAt,
        r.referralId,
      );
      const b = i * 14;
      const p = Array.from({ length: 14 }, (_, k) => `$${b + k + 1}`);
      p[11] = `${p[11]}::jsonb`;
      return `(${p.join(', ')})`;
    });
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO "notification".deliveries
         (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language, subject,
          body, variables, expires_at, referral_id)
       VALUES ${tuples.join(', ')}
       ON CONFLICT ON CONSTRAINT deliveries_delivery_key DO NOTHING
       RETURNING id`,
      values,
    );
    return inserted.map((r) => r.id);
  }

  /**
   * Records events that no active recipient of their organisation can receive yet (once per event
   * and org): they wait, visible in the delivery log, until a recipient is registered or they expire.
   */
  async insertWaiting(em: EntityManager, rows: WaitingEvent[]): Promise<number> {
    let n = 0;
    for (const r of rows) {
      const raw: unknown = await em.query(
        `INSERT INTO "notification".deliveries
           (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language,
            subject, body, variables, status, expires_at, referral_id)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, NULL, NULL, '', '', $7::jsonb, 'waiting', $8, $9)
         ON CONFLICT (event_id, org) WHERE recipient_id IS NULL DO NOTHING
         RETURNING id`,
        [
          r.id,
          r.eventId,
          r.eventType,
          r.eventOccurredAt,
          r.correlationId,
          r.org,
          JSON.stringify(r.variables),
          r.expiresAt,
          r.referralId,
        ],
      );
      n += updatedRows(raw).length;
    }
    return n;
  }

  /**
   * Takes (locks and removes) the waiting events of organisations that now have an active recipient,
   * still within their time: the caller plans their deliveries in the same transaction.
   */
  async takeWaiting(em: EntityManager, opts: { org?: string; limit: number }): Promise<WaitingEvent[]> {
    const raw: unknown = await em.query(
      `WITH taken AS (
         SELECT d.id FROM "notification".deliveries d
          WHERE d.status = 'waiting' AND d.expires_at > now()
            AND ($1::text IS NULL OR d.org = $1)
            AND EXISTS (SELECT 1 FROM "notification".recipients r WHERE r.org = d.org AND r.active)
          ORDER BY d.event_occurred_at
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED
       )
       DELETE FROM "notification".deliveries d USING taken WHERE d.id = taken.id
       RETURNING d.id, d.event_id, d.event_type, d.event_occurred_at, d.correlation_id, d.org, d.variables,
                 d.expires_at, d.referral_id`,
      [opts.org ?? null, opts.limit],
    );
    return updatedRows<{
      id: string;
      event_id: string;
      event_type: string;
      event_occurred_at: Date;
      correlation_id: string;
      org: string;
      variables: Record<string, string>;
      expires_at: Date;
      referral_id: string | null;
    }>(raw).map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      eventOccurredAt: new Date(r.event_occurred_at).toISOString(),
      correlationId: r.correlation_id,
      org: r.org,
      variables: r.variables,
      expiresAt: new Date(r.expires_at),
      referralId: r.referral_id,
    }));
  }

  /** Waiting events whose time ran out: `expired`, with the reason in `last_error`. */
  async expireWaiting(): Promise<number> {
    const raw: unknown = await this.dataSource.query(
      `UPDATE "notification".deliveries
          SET status = 'expired', last_error = 'no recipient before the event stopped mattering'
        WHERE status = 'waiting' AND expires_at <= now()
       RETURNING id`,
    );
    return updatedRows(raw).length;
  }

  /** The duty alerts of a referral that was handed over stop waiting for a recipient. */
  async endWaitingForReferral(
    em: EntityManager,
    referralId: string,
    eventTypes: readonly string[],
  ): Promise<number> {
    const raw: unknown = await em.query(
      `UPDATE "notification".deliveries
          SET status = 'expired', last_error = 'referral handed over'
        WHERE status = 'waiting' AND referral_id = $1 AND event_type = ANY($2)
       RETURNING id`,
      [referralId, eventTypes],
    );
    return updatedRows(raw).length;
  }

  /**
   * Stops the deliveries a deactivated recipient has not received yet (`cancelled`), in the
   * deactivation's transaction. If its organisation has no other active recipient, those events wait
   * for one again, for as long as they matter.
   */
  async cancelForRecipient(em: EntityManager, recipientId: string): Promise<number> {
    const raw: unknown = await em.query(
      `WITH cancelled AS (
         UPDATE "notification".deliveries
            SET status = 'cancelled', last_error = 'recipient deactivated'
          WHERE recipient_id = $1 AND status = 'pending'
         RETURNING event_id, event_type, event_occurred_at, correlation_id, org, variables, expires_at, referral_id
       ), rewait AS (
         INSERT INTO "notification".deliveries
           (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language,
            subject, body, variables, status, expires_at, referral_id)
         SELECT gen_random_uuid(), c.event_id, c.event_type, c.event_occurred_at, c.correlation_id, NULL, c.org, NULL,
                NULL, '', '', c.variables, 'waiting', c.expires_at, c.referral_id
           FROM cancelled c
          WHERE c.expires_at > now()
            AND NOT EXISTS (SELECT 1 FROM "notification".recipients r WHERE r.org = c.org AND r.active)
         ON CONFLICT (event_id, org) WHERE recipient_id IS NULL DO NOTHING
       )
       SELECT count(*)::int AS n FROM cancelled`,
      [recipientId],
    );
    return (raw as { n: number }[])[0]?.n ?? 0;
  }

  /**
   * Claims up to `limit` due deliveries for this instance: pending ones whose time has come, and
   * "sending" ones whose lease ran out (their instance died mid-attempt). `FOR UPDATE SKIP LOCKED`
   * lets several instances claim side by side without taking the same row.
   *
   * Fair across recipients: the due deliveries are read recipient by recipient (an index range per
   * recipient, never "the oldest N overall", which a dead receiver's backlog would fill), and taken
   * round-robin — every recipient's first, then every recipient's second … — the duty channel's
   * alerts first within a round. A recipient never holds more than `perRecipient` attempts in flight
   * (across instances). A recipient whose circuit is open is left out: its deliveries wait without
   * using up attempts; once the circuit's time is up, one probe at a time is let through (half-open).
   */
  // @clause the duty officer is told at once: no dead or slow recipient's backlog delays another recipient's alert
  async claimDue(
    limit: number,
    leaseMs: number,
    perRecipient: number,
    circuitThreshold = 2_147_483_647,
  ): Promise<ClaimedDelivery[]> {
    const raw: unknown = await this.dataSource.query(
      `WITH in_flight AS (
         SELECT recipient_id, count(*)::int AS n
           FROM "notification".deliveries
          WHERE status = 'sending' AND lease_until >= now()
          GROUP BY recipient_id
       ), eligible AS (
         SELECT r.id AS recipient_id,
                greatest(0, (CASE WHEN coalesce(c.consecutive_failures, 0) >= $5 THEN 1 ELSE $3 END) - coalesce(f.n, 0)) AS room
           FROM "notification".recipients r
           LEFT JOIN "notification".recipient_circuits c ON c.recipient_id = r.id
           LEFT JOIN in_flight f ON f.recipient_id = r.id
          WHERE r.active AND (c.open_until IS NULL OR c.open_until <= now())
       ), due AS (
         SELECT x.id, x.recipient_id, x.next_attempt_at, x.event_type
           FROM eligible e
          CROSS JOIN LATERAL (
            SELECT d.id, d.recipient_id, d.next_attempt_at, d.event_type
              FROM "notification".deliveries d
             WHERE d.recipient_id = e.recipient_id AND d.status = 'pending' AND d.next_attempt_at <= now()
             ORDER BY d.next_attempt_at
             LIMIT least(e.room, $1)
             FOR UPDATE OF d SKIP LOCKED
          ) x
       ), abandoned AS (
         SELECT d.id, d.recipient_id, d.next_attempt_at, d.event_type
           FROM "notification".deliveries d
           JOIN eligible e ON e.recipient_id = d.recipient_id AND e.room > 0
          WHERE d.status = 'sending' AND d.lease_until < now()
          ORDER BY d.lease_until
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       ), chosen AS (
         SELECT id FROM (
           SELECT c.id, c.next_attempt_at, c.event_type = ANY($4) AS duty, e.room,
                  row_number() OVER (PARTITION BY c.recipient_id ORDER BY c.next_attempt_at) AS slot
             FROM (SELECT * FROM due UNION ALL SELECT * FROM abandoned) c
             JOIN eligible e ON e.recipient_id = c.recipient_id
         ) ranked
         WHERE slot <= room
         ORDER BY slot, duty DESC, next_attempt_at
         LIMIT $1
       )
       UPDATE "notification".deliveries d
          SET status = 'sending', attempts = d.attempts + 1, lease_until = now() + $2 * interval '1 millisecond'
         FROM chosen
        WHERE d.id = chosen.id
       RETURNING d.id, d.event_id, d.event_type, d.event_occurred_at, d.correlation_id, d.recipient_id, d.org,
                 d.channel, d.language, d.subject, d.body, d.variables, d.attempts, d.attempts_before_redrive`,
      [limit, leaseMs, perRecipient, DUTY_ALERT_TYPES, circuitThreshold],
    );
    return updatedRows<ClaimedRow>(raw).map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      eventOccurredAt: new Date(r.event_occurred_at),
      correlationId: r.correlation_id,
      recipientId: r.recipient_id,
      org: r.org,
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
   * Ends claimed attempt `attempt` of a delivery, in one statement (atomic on its own, or inside the
   * caller's transaction with `em`): the delivery's new state, the attempt's row, and the recipient's
   * circuit (a success closes it; a failure counts, and the failure that reaches the threshold, or a
   * failed probe, opens it for a cooldown that doubles with each trip). Guarded by status and attempt
   * number: if the lease ran out and another instance claimed the delivery since, nothing changes
   * (`applied` false). `circuitOpenUntil` is set when the circuit is open after this attempt.
   */
  async completeAttempt(
    em: EntityManager | undefined,
    completion: Completion,
    a: DeliveryAttempt,
    circuit: CircuitSettings,
  ): Promise<{ applied: boolean; circuitOpenUntil?: Date }> {
    if (!em && completion.kind === 'delivered') return { applied: await this.delivered.submit(a) };
    return this.completeOne(em, completion, a, circuit);
  }

  /**
   * Ends several successful attempts in one statement, with the same effect as one
   * {@link completeAttempt} each: delivered, the attempt's row, the recipient's circuit closed; each
   * guarded by status and attempt number. Answers, per attempt, whether it was applied. If the
   * statement fails, each is written on its own, so one bad row never loses the others.
   */
  private async completeDelivered(batch: DeliveryAttempt[]): Promise<boolean[]> {
    if (batch.length === 1)
      return [(await this.completeOne(undefined, { kind: 'delivered' }, batch[0])).applied];
    try {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `WITH input AS (
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::int[])
                    AS t(id, attempt, started_at, finished_at, response_code)
         ), done AS (
           UPDATE "notification".deliveries d
              SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
             FROM input i
            WHERE d.id = i.id AND d.status = 'sending' AND d.attempts = i.attempt
           RETURNING d.id, d.recipient_id
         ), recorded AS (
           INSERT INTO "notification".delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, response_code, error)
           SELECT i.id, i.attempt, i.started_at, i.finished_at, 'delivered', i.response_code, NULL
             FROM input i JOIN done ON done.id = i.id
           RETURNING delivery_id
         ), circuit AS (
           UPDATE "notification".recipient_circuits c
              SET consecutive_failures = 0, trips = 0, open_until = NULL, updated_at = now()
            WHERE c.recipient_id IN (SELECT recipient_id FROM done) AND (c.consecutive_failures > 0 OR c.open_until IS NOT NULL)
         )
         SELECT delivery_id AS id FROM recorded`,
        [
          batch.map((a) => a.deliveryId),
          batch.map((a) => a.attempt),
          batch.map((a) => a.startedAt),
          batch.map((a) => a.finishedAt),
          batch.map((a) => a.responseCode),
        ],
      );
      const applied = new Set(rows.map((r) => r.id));
      return batch.map((a) => applied.has(a.deliveryId));
    } catch {
      const out: boolean[] = [];
      for (const a of batch) out.push((await this.completeOne(undefined, { kind: 'delivered' }, a)).applied);
      return out;
    }
  }

  private async completeOne(
    em: EntityManager | undefined,
    completion: Completion,
    a: DeliveryAttempt,
    circuit?: CircuitSettings,
  ): Promise<{ applied: boolean; circuitOpenUntil?: Date }> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const id = p(a.deliveryId);
    const attempt = p(a.attempt);
    const set = completionSql(completion, p);
    const circuitSql =
      completion.kind === 'delivered'
        ? `UPDATE "notification".recipient_circuits c
              SET consecutive_failures = 0, trips = 0, open_until = NULL, updated_at = now()
             FROM done
            WHERE c.recipient_id = done.recipient_id AND (c.consecutive_failures > 0 OR c.open_until IS NOT NULL)
           RETURNING c.open_until`
        : (() => {
            const threshold = p(circuit!.threshold);
            const cooldown = p(circuit!.cooldownMs);
            const max = p(circuit!.maxCooldownMs);
            // Opens when this failure reaches the threshold while the circuit was not open already
            // (closed, or half-open: the probe failed); failures of attempts still in flight while it
            // is open only count.
            const trips = `c.consecutive_failures + 1 >= ${threshold} AND (c.open_until IS NULL OR c.open_until <= now())`;
            return `INSERT INTO "notification".recipient_circuits AS c
                      (recipient_id, consecutive_failures, trips, open_until, last_failure_at, updated_at)
                    SELECT recipient_id, 1,
                           CASE WHEN 1 >= ${threshold} THEN 1 ELSE 0 END,
                           CASE WHEN 1 >= ${threshold} THEN now() + ${cooldown} * interval '1 millisecond' END,
                           now(), now()
                      FROM done
                    ON CONFLICT (recipient_id) DO UPDATE SET
                      consecutive_failures = c.consecutive_failures + 1,
                      trips = CASE WHEN ${trips} THEN c.trips + 1 ELSE c.trips END,
                      open_until = CASE WHEN ${trips}
                        THEN now() + least(${max}::float8, ${cooldown} * power(2, least(c.trips, 30))) * interval '1 millisecond'
                        ELSE c.open_until END,
                      last_failure_at = now(), updated_at = now()
                    RETURNING c.open_until`;
          })();
    const sql = `WITH done AS (
         UPDATE "notification".deliveries ${set}
          WHERE id = ${id} AND status = 'sending' AND attempts = ${attempt}
         RETURNING id, recipient_id
       ), recorded AS (
         INSERT INTO "notification".delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, response_code, error)
         SELECT id, ${attempt}, ${p(a.startedAt)}, ${p(a.finishedAt)}, ${p(a.outcome)}, ${p(a.responseCode)}::int, ${p(a.error)}
           FROM done
         RETURNING delivery_id
       ), circuit AS (
         ${circuitSql}
       )
       SELECT (SELECT count(*) FROM recorded)::int AS applied,
              (SELECT open_until FROM circuit WHERE open_until > now() LIMIT 1) AS open_until`;
    const rows = await (em ?? this.dataSource.manager).query<{ applied: number; open_until: Date | null }[]>(
      sql,
      params,
    );
    const row = rows[0];
    return {
      applied: (row?.applied ?? 0) > 0,
      circuitOpenUntil: row?.open_until ? new Date(row.open_until) : undefined,
    };
  }

  /** Marks that the operators were told early about a failing duty alert; false if they were already. */
  async markEarlyAlert(em: EntityManager, id: string): Promise<boolean> {
    const raw: unknown = await em.query(
      `UPDATE "notification".deliveries SET early_alert_at = now() WHERE id = $1 AND early_alert_at IS NULL RETURNING id`,
      [id],
    );
    return updatedRows(raw).length > 0;
  }

  /**
   * Puts a failed delivery (or one cancelled by a deactivation, once its recipient is active again)
   * back in the queue with a fresh budget of attempts. Returns false if it is not (or no longer) so; the row lock of the UPDATE makes two concurrent re-drives one.
   */
  async redrive(id: string, by: string): Promise<boolean> {
    const raw: unknown = await this.dataSource.query(
      `UPDATE "notification".deliveries
          SET status = 'pending', failed_at = NULL, next_attempt_at = now(), attempts_before_redrive = attempts,
              redriven_at = now(), redriven_by = $2
        WHERE id = $1
          AND (status = 'failed'
               OR (status = 'cancelled' AND EXISTS (SELECT 1 FROM "notification".recipients r
                                                    WHERE r.id = deliveries.recipient_id AND r.active)))
       RETURNING id`,
      [id, by],
    );
    return updatedRows(raw).length > 0;
  }

  /** Deliveries waiting or in flight, and how late the most overdue one is (seconds, 0 if none). */
  async backlog(): Promise<{
    pending: number;
    sending: number;
    waiting: number;
    overdueSeconds: number;
    openCircuits: number;
  }> {
    const [row]: {
      pending: number;
      sending: number;
      waiting: number;
      overdue: number | null;
      open_circuits: number;
    }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'sending')::int AS sending,
              count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
              extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'pending' AND next_attempt_at <= now()))::float8 AS overdue,
              (SELECT count(*)::int FROM "notification".recipient_circuits WHERE open_until > now()) AS open_circuits
         FROM "notification".deliveries
        WHERE status IN ('pending', 'sending', 'waiting')`,
    );
    return {
      pending: row?.pending ?? 0,
      sending: row?.sending ?? 0,
      waiting: row?.waiting ?? 0,
      overdueSeconds: Math.max(0, row?.overdue ?? 0),
      openCircuits: row?.open_circuits ?? 0,
    };
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

/** The SET clause of a completion; `p` adds a parameter and returns its placeholder. */
function completionSql(completion: Completion, p: (v: unknown) => string): string {
  switch (completion.kind) {
    case 'delivered':
      return `SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL`;
    case 'retry':
      // A recipient deactivated during the attempt gets no retry.
      return `SET status = CASE WHEN EXISTS (SELECT 1 FROM "notification".recipients r
                                              WHERE r.id = deliveries.recipient_id AND r.active)
                                THEN 'pending' ELSE 'cancelled' END,
                  lease_until = NULL, last_error = ${p(completion.error)},
                  next_attempt_at = now() + ${p(completion.delayMs)} * interval '1 millisecond'`;
    case 'failed':
      return `SET status = 'failed', failed_at = now(), lease_until = NULL, last_error = ${p(completion.error)}`;
  }
}
