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
      const recipientId = await c.recipient({ org: facility, channel: 'webhook', address: c.http.receiver(`/hooks/${facility}`, secret, { status: 503 }), secret });
      const opsPath = `/hooks/${c.operatorOrg}-${randomUUID()}`;
      const ops = await c.recipient({ org: c.operatorOrg, channel: 'webhook', address: c.http.receiver(opsPath, secret), secret });
      try {
        const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));

        const failed = await c.tap.waitFor<{ deliveryId: string; eventId: string }>('notification.delivery.failed', (d) => d.eventId === event.id);
        expect(failed.data).toMatchObject({ eventType: 'shelter.admission.requested', recipientId, channel: 'webhook', attempts: 3, lastError: 'HTTP 503' });
        expect(failed.correlationId).toBe(event.correlationId);

        const [d] = await c.deliveriesOf(event.id);
        expect(d).toMatchObject({ id: failed.data.deliveryId, status: 'failed', attemptCount: 3, lastError: 'HTTP 503', nextAttemptAt: null });
        expect(d.attempts.map((a: { attempt: number; outcome: string; responseCode: number }) => [a.attempt, a.outcome, a.responseCode])).toEqual([
          [1, 'failed', 503],
          [2, 'failed', 503],
          [3, 'failed', 503],
        ]);
        // Backoff: each attempt starts after the previous one finished (never two at once).
        for (let i = 1; i < 3; i++) expect(Date.parse(d.attempts[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(d.attempts[i - 1].finishedAt));
        expect(c.http.on(`/hooks/${facility}`)).toHaveLength(3);

        const metrics = await (await fetch(`${c.svc.url}/metrics`)).text();
        expect(metrics).toMatch(/notification_deliveries_failed_total\{[^}]*event_type="shelter.admission.requested"[^}]*\} [1-9]/);
        expect(metrics).toMatch(/notification_delivery_attempts_total\{[^}]*outcome="retry"[^}]*\} [1-9]/);
        expect(metrics).toMatch(/notification_deliveries_backlog\{[^}]*state="pending"[^}]*\} \d+/);
        expect(metrics).toMatch(/notification_deliveries_overdue_seconds\{[^}]*\} [\d.]+/);

        const told = await eventually(() => {
          const req = c.http.on(opsPath).find((r) => (JSON.parse(r.body) as WebhookBody).data.deliveryId === failed.data.deliveryId);
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
      const failing = await c.recipient({ org: facility, channel: 'webhook', address: c.http.receiver(`/hooks/${facility}`, secret, { status: 500 }), secret });
      const opsPath = `/hooks/${c.operatorOrg}-down-${randomUUID()}`;
      const opsDown = await c.recipient({ org: c.operatorOrg, channel: 'webhook', address: c.http.receiver(opsPath, secret, { status: 500 }), secret });
      try {
        const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
        const failed = await c.tap.waitFor<{ deliveryId: string; eventId: string }>('notification.delivery.failed', (d) => d.eventId === event.id);
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
      const slow = await c.recipient({ org: facility, channel: 'webhook', address: c.http.receiver(`/hooks/${facility}-slow`, secret, 'hang'), secret });
      const fast = await c.recipient({ org: facility, channel: 'webhook', address: c.http.receiver(`/hooks/${facility}-fast`, secret), secret });
      try {
        const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
        const byRecipient = await eventually(async () => {
          const items = await c.deliveriesOf(event.id);
          const map = new Map(items.map((d) => [d.recipientId as string, d]));
          expect(map.get(fast)?.status).toBe('delivered');
          return map;
        });
        // The hanging receiver got its request but its first attempt has not even ended yet.
        expect(c.http.on(`/hooks/${facility}-slow`)).toHaveLength(1);
        expect(byRecipient.get(slow)).toMatchObject({ status: 'sending', attempts: [] });
      } finally {
        await c.api('DELETE', `/v1/recipients/${slow}`);
      }
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
      await c.recipient({ org: facility, channel: 'webhook', address: c.http.receiver(path, secret, { status: 502 }), secret });
      // A slow backoff, so the delivery is still waiting for its second attempt when the service stops.
      await c.svc.close();
      await c.boot({ NOTIFY_BASE_DELAY_MS: '1500', NOTIFY_MAX_DELAY_MS: '1500' });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      await eventually(async () => expect((await c.deliveriesOf(event.id))[0]).toMatchObject({ status: 'pending', attemptCount: 1 }));
      await c.svc.close();

      c.http.behave(path, { status: 200 });
      // After a restart, the poll finds the retry that was scheduled before it.
      await c.boot({ NOTIFY_POLL_MS: '100' });
      const [d] = await eventually(async () => {
        const items = await c.deliveriesOf(event.id);
        expect(items[0]?.status).toBe('delivered');
        return items;
      });
      expect(d.attempts.map((a: { outcome: string; responseCode: number }) => [a.outcome, a.responseCode])).toEqual([
        ['failed', 502],
        ['delivered', 200],
      ]);
    });
  });
}
