import { randomUUID } from 'node:crypto';
import { eventually } from '#shared/testing';
import { ReferralHandedOver, ReferralReported, ShelterAdmissionRequested } from '#shared';
import type { E2eContext, Json } from '../../support/context.js';
import { newWebhookSecret, payloads, uniqueOrg } from '../../support/fixtures.js';

/** Events waiting for a recipient, deactivation and reactivation, circuit breakers. */
export function fairDeliverySuite(ctx: () => E2eContext): void {
  describe('recipients that come and go', () => {
    it('keeps an event with no recipient as waiting (delivery log and metric) and delivers it once a recipient is registered', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      const [waiting] = await eventually(async () => {
        const items = await c.deliveriesOf(event.id);
        expect(items).toHaveLength(1);
        return items;
      });
      expect(waiting).toMatchObject({
        status: 'waiting',
        org: facility,
        recipientId: null,
        channel: null,
        attemptCount: 0,
        waitingUntil: expect.any(String),
      });
      const listed = await c.api('GET', `/v1/deliveries?status=waiting&org=${facility}`);
      expect(listed.body!.items.map((d: Json) => d.eventId)).toEqual([event.id]);
      const metrics = await (await fetch(`${c.svc.url}/metrics`)).text();
      expect(metrics).toMatch(/notification_events_waiting_for_recipient\{[^}]*\} [1-9]/);
      expect(metrics).toMatch(/notification_deliveries_backlog\{state="waiting"[^}]*\} [1-9]/);

      const secret = newWebhookSecret();
      const path = `/hooks/${facility}`;
      const recipientId = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(path, secret),
        secret,
        language: 'ru',
      });
      const [d] = await eventually(async () => {
        const items = await c.deliveriesOf(event.id);
        expect(items.map((x) => x.status)).toEqual(['delivered']);
        return items;
      });
      expect(d).toMatchObject({ recipientId, language: 'ru', waitingUntil: null });
      expect(c.http.on(path)).toHaveLength(1);
      expect(c.http.on(path)[0]?.verified).toBe(true);
    });

    it("R-4.1 keeps the duty channel's alerts waiting until the referral is handed over, and delivers those still open to a recipient registered later", async () => {
      const c = ctx();
      // No active recipient of the special police unit (earlier tests may have left some).
      const spu = await c.api('GET', '/v1/recipients?org=MIA-SPU&limit=200');
      for (const r of spu.body!.items as Json[]) await c.api('POST', `/v1/recipients/${r.id}/deactivate`);

      const handedOver = randomUUID();
      const stillOpen = randomUUID();
      const first = await c.bus.publish(
        ReferralReported,
        payloads.referralReported({ referralId: handedOver }),
      );
      const second = await c.bus.publish(
        ReferralReported,
        payloads.referralReported({ referralId: stillOpen }),
      );
      await eventually(async () => {
        for (const e of [first, second]) expect((await c.deliveriesOf(e.id))[0]?.status).toBe('waiting');
      });
      const handover = await c.bus.publish(ReferralHandedOver, payloads.handedOver(handedOver));
      await eventually(async () => {
        expect((await c.deliveriesOf(first.id))[0]).toMatchObject({
          status: 'expired',
          lastError: 'referral handed over',
        });
        // The handover itself waits too, with the ordinary time to live.
        expect((await c.deliveriesOf(handover.id))[0]?.status).toBe('waiting');
      });

      const secret = newWebhookSecret();
      const path = `/hooks/spu-late-${randomUUID()}`;
      const duty = await c.recipient({
        org: 'MIA-SPU',
        channel: 'webhook',
        address: c.http.receiver(path, secret),
        secret,
      });
      try {
        await eventually(async () => {
          expect((await c.deliveriesOf(second.id)).map((d) => [d.recipientId, d.status])).toEqual([
            [duty, 'delivered'],
          ]);
          expect((await c.deliveriesOf(handover.id)).map((d) => d.status)).toEqual(['delivered']);
        });
        expect((await c.deliveriesOf(first.id)).map((d) => d.status)).toEqual(['expired']);
      } finally {
        await c.api('POST', `/v1/recipients/${duty}/deactivate`);
      }
    });

    it('R-4.1 tells the operators after the second failed attempt of a duty alert, before its retries are used up', async () => {
      const c = ctx();
      const secret = newWebhookSecret();
      const path = `/hooks/spu-down-${randomUUID()}`;
      const down = await c.recipient({
        org: 'MIA-SPU',
        channel: 'webhook',
        address: c.http.receiver(path, secret, { status: 503 }),
        secret,
      });
      try {
        const event = await c.bus.publish(ReferralReported, payloads.referralReported());
        const mine = (d: { eventId: string; recipientId: string }) =>
          d.eventId === event.id && d.recipientId === down;
        const early = await c.tap.waitFor<{ eventId: string; recipientId: string; attempts: number }>(
          'notification.delivery.failed',
          (d) => mine(d) && d.attempts === 2,
        );
        expect(early.data).toMatchObject({ eventType: 'referral.reported', lastError: 'HTTP 503' });
        // The last attempt (3 here) raises it again, when the delivery fails for good.
        await c.tap.waitFor<{ eventId: string; recipientId: string; attempts: number }>(
          'notification.delivery.failed',
          (d) => mine(d) && d.attempts === 3,
        );
        const raised = c.tap.events.filter(
          (e) =>
            e.type === 'notification.delivery.failed' &&
            mine(e.data as { eventId: string; recipientId: string }),
        );
        expect(raised.map((e) => e.data.attempts)).toEqual([2, 3]);
      } finally {
        await c.api('POST', `/v1/recipients/${down}/deactivate`);
      }
    });

    it('stops deliveries to a deactivated recipient, and lets an admin reactivate it and re-drive what was cancelled', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const path = `/hooks/${facility}-off`;
      const off = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(path, secret, 'hang'),
        secret,
      });
      const other = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${facility}-on`, secret),
        secret,
      });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      await eventually(() => expect(c.http.on(path)).toHaveLength(1));
      // Deactivated while its attempt is in flight: the attempt fails, and no retry follows.
      const deactivated = await c.api('POST', `/v1/recipients/${off}/deactivate`);
      expect(deactivated.status).toBe(200);
      expect(deactivated.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
      c.http.behave(path, { status: 503 });
      c.http.release(path);
      const cancelled = await eventually(async () => {
        const d = (await c.deliveriesOf(event.id)).find((x) => x.recipientId === off);
        expect(d).toMatchObject({ status: 'cancelled', attemptCount: 1 });
        return d!;
      });
      expect((await c.deliveriesOf(event.id)).find((x) => x.recipientId === other)?.status).toBe('delivered');
      // A new event is not planned for it at all.
      const later = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      await eventually(async () =>
        expect((await c.deliveriesOf(later.id)).map((d) => d.recipientId)).toEqual([other]),
      );
      expect(c.http.on(path)).toHaveLength(1);

      // While inactive, a cancelled delivery cannot be re-driven; once reactivated, it can.
      expect((await c.api('POST', `/v1/deliveries/${cancelled.id}/redrive`)).status).toBe(409);
      const reactivated = await c.api('POST', `/v1/recipients/${off}/reactivate`);
      expect(reactivated.status).toBe(200);
      expect(reactivated.body).toMatchObject({
        active: true,
        deactivatedAt: null,
        circuit: { state: 'closed' },
      });
      c.http.behave(path, { status: 204 });
      expect((await c.api('POST', `/v1/deliveries/${cancelled.id}/redrive`)).status).toBe(200);
      await eventually(async () =>
        expect((await c.deliveriesOf(event.id)).find((x) => x.recipientId === off)?.status).toBe('delivered'),
      );
    });

    it('opens the circuit of a failing recipient (shown on the recipient and in /metrics) and closes it when a probe succeeds', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const path = `/hooks/${facility}-flaky`;
      const id = await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(path, secret, { status: 503 }),
        secret,
      });
      const events = [];
      for (let i = 0; i < 6; i++)
        events.push(await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility)));
      await eventually(async () => {
        const r = await c.api('GET', `/v1/recipients/${id}`);
        expect(r.body!.circuit.consecutiveFailures).toBeGreaterThanOrEqual(5);
        expect(['open', 'half_open']).toContain(r.body!.circuit.state);
      });
      c.http.behave(path, { status: 204 });
      await eventually(
        async () => {
          for (const e of events) {
            const [d] = await c.deliveriesOf(e.id);
            expect(['delivered', 'failed']).toContain(d?.status);
          }
          const r = await c.api('GET', `/v1/recipients/${id}`);
          expect(r.body!.circuit).toEqual({ state: 'closed', consecutiveFailures: 0, openUntil: null });
        },
        { timeoutMs: 20_000 },
      );
      const delivered = [];
      for (const e of events) delivered.push((await c.deliveriesOf(e.id))[0]?.status);
      expect(delivered).toContain('delivered');
    });
  });
}
