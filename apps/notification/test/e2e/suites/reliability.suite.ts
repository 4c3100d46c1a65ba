import { randomUUID } from 'node:crypto';
import { eventually } from '#shared/testing';
import { ShelterAdmissionRequested } from '#shared';
import type { WebhookBody } from '../../../src/channels/webhook.sender.js';
import type { E2eContext } from '../../support/context.js';
import { newWebhookSecret, payloads, uniqueOrg } from '../../support/fixtures.js';

/** Retries, giving up, failure events and metrics, isolation from slow receivers, restarts. */
export function reliabilitySuite(ctx: () => E2eContext): void {
  describe('reliable delivery', () => {
    it('retries a failing webhook with backoff, then marks it failed, raises notification.delivery.failed, counts it in /metrics and tells the operators', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const recipientId = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${facility}`, secret, { status: 503 }),
        secret,
      });
      const opsPath = `/hooks/${c.operatorOrg}-${randomUUID()}`;
      const ops = await c.recipient({
        org: c.operatorOrg,
        channel: 'webhook',
        address: c.http.receiver(opsPath, secret),
        secret,
      });
      try {
        const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));

        const failed = await c.tap.waitFor<{ deliveryId: string; eventId: string }>(
          'notification.delivery.failed',
          (d) => d.eventId === event.id,
        );
        expect(failed.data).toMatchObject({
          eventType: 'shelter.admission.requested',
          recipientId,
          channel: 'webhook',
          attempts: 3,
          lastError: 'HTTP 503',
        });
        expect(failed.correlationId).toBe(event.correlationId);

        const [d] = await c.deliveriesOf(event.id);
        expect(d).toMatchObject({
          id: failed.data.deliveryId,
          status: 'failed',
          attemptCount: 3,
          lastError: 'HTTP 503',
          nextAttemptAt: null,
        });
        expect(
          d.attempts.map((a: { attempt: number; outcome: string; responseCode: number }) => [
            a.attempt,
            a.outcome,
            a.responseCode,
          ]),
        ).toEqual([
          [1, 'failed', 503],
          [2, 'failed', 503],
          [3, 'failed', 503],
        ]);
        // Backoff: each attempt starts after the previous one finished (never two at once).
        for (let i = 1; i < 3; i++)
          expect(Date.parse(d.attempts[i].startedAt)).toBeGreaterThanOrEqual(
            Date.parse(d.attempts[i - 1].finishedAt),
          );
        expect(c.http.on(`/hooks/${facility}`)).toHaveLength(3);

        const metrics = await (await fetch(`${c.svc.url}/metrics`)).text();
        expect(metrics).toMatch(
          /notification_deliveries_failed_total\{[^}]*event_type="shelter.admission.requested"[^}]*\} [1-9]/,
        );
        expect(metrics).toMatch(/notification_delivery_attempts_total\{[^}]*outcome="retry"[^}]*\} [1-9]/);
        expect(metrics).toMatch(/notification_deliveries_backlog\{[^}]*state="pending"[^}]*\} \d+/);
        expect(metrics).toMatch(/notification_deliveries_overdue_seconds\{[^}]*\} [\d.]+/);

        const told = await eventually(() => {
          const req = c.http
            .on(opsPath)
            .find((r) => (JSON.parse(r.body) as WebhookBody).data.deliveryId === failed.data.deliveryId);
          if (!req) throw new Error('operators not told yet');
          return req;
        });
        expect(told.verified).toBe(true);
      } finally {
        for (const id of [recipientId, ops]) await c.api('DELETE', `/v1/recipients/${id}`);
      }
    });

    it('never raises notification.delivery.failed for a failed notification about a failed delivery (no loops)', async () => {
      const c = ctx();
      const secret = newWebhookSecret();
      const facility = uniqueOrg('SH');
      const failing = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${facility}`, secret, { status: 500 }),
        secret,
      });
      const opsPath = `/hooks/${c.operatorOrg}-down-${randomUUID()}`;
      const opsDown = await c.recipient({
        org: c.operatorOrg,
        channel: 'webhook',
        address: c.http.receiver(opsPath, secret, { status: 500 }),
        secret,
      });
      try {
        const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
        const failed = await c.tap.waitFor<{ deliveryId: string; eventId: string }>(
          'notification.delivery.failed',
          (d) => d.eventId === event.id,
        );
        const opsDelivery = await eventually(async () => {
          const items = (await c.deliveriesOf(failed.id)).filter((d) => d.recipientId === opsDown);
          expect(items[0]?.status).toBe('failed');
          return items[0];
        });
        // The failure and its event are written in one transaction: no outbox row means no event, ever.
        const { rows } = await c.db.query(
          `SELECT count(*)::int AS n FROM notification.outbox WHERE event_type = 'notification.delivery.failed' AND envelope->'data'->>'deliveryId' = $1`,
          [opsDelivery.id],
        );
        expect(rows[0].n).toBe(0);
      } finally {
        for (const id of [failing, opsDown]) await c.api('DELETE', `/v1/recipients/${id}`);
      }
    });

    it('delivers to a live webhook while another recipient of the same event hangs', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const slowPath = `/hooks/${facility}-slow`;
      const slow = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(slowPath, secret, 'hang'),
        secret,
      });
      const fast = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${facility}-fast`, secret),
        secret,
      });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      const fastDelivery = await eventually(async () => {
        const d = (await c.deliveriesOf(event.id)).find((x) => x.recipientId === fast);
        expect(d?.status).toBe('delivered');
        return d!;
      });
      // The hanging receiver got its request and holds it: its attempt has not ended, yet the other
      // recipient was served.
      expect(c.http.on(slowPath)).toHaveLength(1);
      const slowNow = (await c.deliveriesOf(event.id)).find((x) => x.recipientId === slow);
      expect(slowNow).toMatchObject({ status: 'sending', attempts: [] });
      expect(fastDelivery.attempts).toHaveLength(1);

      // The receiver recovers: the cut attempt is retried and delivered.
      c.http.behave(slowPath, { status: 200 });
      c.http.release(slowPath);
      await eventually(async () => {
        const d = (await c.deliveriesOf(event.id)).find((x) => x.recipientId === slow);
        expect(d).toMatchObject({ status: 'delivered', attemptCount: 2 });
        expect(d!.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'delivered']);
      });
    });
  });
}

/** A dead receiver with a long backlog never takes every slot (NOTIFY_CONCURRENCY 8, 2 per recipient here). */
export function fairnessSuite(ctx: () => E2eContext): void {
  describe('fairness between recipients', () => {
    it('lets a hanging receiver with a backlog hold only its share of the slots while others are served', async () => {
      const c = ctx();
      const secret = newWebhookSecret();
      const dead = uniqueOrg('SH');
      const deadPath = `/hooks/${dead}`;
      await c.recipient({
        org: dead,
        channel: 'webhook',
        address: c.http.receiver(deadPath, secret, 'hang'),
        secret,
      });
      const backlog = await Promise.all(
        Array.from({ length: 12 }, () =>
          c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(dead)),
        ),
      );
      await eventually(() => expect(c.http.on(deadPath)).toHaveLength(2));

      const live = uniqueOrg('SH');
      await c.recipient({
        org: live,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${live}`, secret),
        secret,
      });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(live));
      await eventually(async () => expect((await c.deliveriesOf(event.id))[0]?.status).toBe('delivered'));
      // Still only two attempts opened on the dead receiver: the other ten wait their turn.
      expect(c.http.on(deadPath)).toHaveLength(2);

      c.http.behave(deadPath, { status: 200 });
      c.http.release(deadPath);
      await eventually(async () => {
        for (const e of backlog) expect((await c.deliveriesOf(e.id))[0]?.status).toBe('delivered');
      });
    });
  });
}

/** Several dispatchers: a lease that runs out is taken over, and a late result never overwrites it. */
export function leaseSuite(ctx: () => E2eContext): void {
  describe('dispatcher leases', () => {
    it('takes over a delivery whose dispatcher stopped mid-attempt, and ignores that attempt when it ends late', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const path = `/hooks/${facility}`;
      await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(path, secret, 'hang'),
        secret,
      });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      const d = await eventually(async () => {
        expect(c.http.on(path)).toHaveLength(1);
        return (await c.deliveriesOf(event.id))[0];
      });
      // As if its dispatcher had died: the lease runs out while the attempt is still open.
      await c.db.query(
        `UPDATE notification.deliveries SET lease_until = now() - interval '1 second' WHERE id = $1`,
        [d.id],
      );
      c.http.behave(path, { status: 200 });
      // Any committed event wakes the dispatcher, which claims expired leases too.
      await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(uniqueOrg('NOBODY')));
      await eventually(async () => {
        const [now] = await c.deliveriesOf(event.id);
        expect(now).toMatchObject({ status: 'delivered', attemptCount: 2 });
        expect(now.attempts.map((a: { attempt: number; outcome: string }) => [a.attempt, a.outcome])).toEqual(
          [[2, 'delivered']],
        );
      });
      expect(c.http.on(path).map((r) => r.headers['webhook-id'])).toEqual([d.id, d.id]);

      // The first attempt finally fails: it no longer holds the lease, so nothing changes.
      c.http.release(path);
      await eventually(() =>
        expect(c.svc.logs.join('')).toContain(
          'attempt finished after its lease passed to another dispatcher',
        ),
      );
      const [after] = await c.deliveriesOf(event.id);
      expect(after).toMatchObject({ status: 'delivered', attemptCount: 2 });
      expect(after.attempts).toHaveLength(1);
    });
  });
}

/** Must run last: it restarts the service. */
export function restartSuite(ctx: () => E2eContext): void {
  describe('restarts', () => {
    it('keeps retrying a delivery after the service restarts', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const path = `/hooks/${facility}`;
      await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(path, secret, { status: 502 }),
        secret,
      });
      // A slow backoff, so the delivery is still waiting for its second attempt when the service stops.
      await c.svc.close();
      await c.boot({ NOTIFY_BASE_DELAY_MS: '3000', NOTIFY_MAX_DELAY_MS: '3000' });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      await eventually(async () =>
        expect((await c.deliveriesOf(event.id))[0]).toMatchObject({ status: 'pending', attemptCount: 1 }),
      );
      await c.svc.close();

      c.http.behave(path, { status: 200 });
      // After a restart, the poll finds the retry that was scheduled before it.
      await c.boot({ NOTIFY_POLL_MS: '100' });
      const [d] = await eventually(async () => {
        const items = await c.deliveriesOf(event.id);
        expect(items[0]?.status).toBe('delivered');
        return items;
      });
      expect(
        d.attempts.map((a: { outcome: string; responseCode: number }) => [a.outcome, a.responseCode]),
      ).toEqual([
        ['failed', 502],
        ['delivered', 200],
      ]);
    });
  });
}
