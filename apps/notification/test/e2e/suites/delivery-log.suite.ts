import { eventually } from '#shared/testing';
import { ShelterAdmissionRequested, ShelterWaitlisted } from '#shared';
import type { E2eContext } from '../../support/context.js';
import { newWebhookSecret, payloads, uniqueOrg } from '../../support/fixtures.js';

/** GET /v1/deliveries: filters, roles, validation, documentation. */
export function deliveryLogSuite(ctx: () => E2eContext): void {
  describe('delivery log', () => {
    it('filters by event, recipient and status, and shows every attempt', async () => {
      const c = ctx();
      const agency = uniqueOrg('NGO');
      const a = await c.recipient({
        org: agency,
        channel: 'email',
        address: `a-${agency.toLowerCase()}@test.az`,
      });
      const b = await c.recipient({
        org: agency,
        channel: 'sms',
        address: `+99470${Math.floor(Math.random() * 1e7)
          .toString()
          .padStart(7, '0')}`,
      });
      const event = await c.bus.publish(ShelterWaitlisted, payloads.waitlisted(agency));
      await eventually(async () =>
        expect((await c.deliveriesOf(event.id)).map((d) => d.status)).toEqual(['delivered', 'delivered']),
      );

      const byRecipient = await c.api(
        'GET',
        `/v1/deliveries?eventId=${event.id}&recipient=${b}&status=delivered`,
      );
      expect(byRecipient.status).toBe(200);
      expect(byRecipient.body!.items).toHaveLength(1);
      expect(byRecipient.body!.items[0]).toMatchObject({
        recipientId: b,
        channel: 'sms',
        status: 'delivered',
        attempts: [expect.objectContaining({ outcome: 'delivered', responseCode: 200 })],
      });
      expect((await c.api('GET', `/v1/deliveries?eventId=${event.id}&status=failed`)).body!.items).toEqual(
        [],
      );
      const byOrg = await c.api('GET', `/v1/deliveries?org=${agency}&limit=1`);
      expect(byOrg.body!.items).toHaveLength(1);
      const next = await c.api(
        'GET',
        `/v1/deliveries?org=${agency}&limit=1&cursor=${byOrg.body!.nextCursor}`,
      );
      expect([byOrg.body!.items[0].recipientId, next.body!.items[0].recipientId].sort()).toEqual(
        [a, b].sort(),
      );

      const one = await c.api('GET', `/v1/deliveries/${byRecipient.body!.items[0].id}`);
      expect(one.body).toEqual(byRecipient.body!.items[0]);
      // The log shows when and how, never the message.
      expect(JSON.stringify(byOrg.body)).not.toMatch(/victimRef|vr_/);
    });

    it('is open to admins and operators only (the coordinator sees aggregates only)', async () => {
      const c = ctx();
      for (const role of ['admin', 'operator'] as const)
        expect((await c.api('GET', '/v1/deliveries', { role })).status).toBe(200);
      for (const role of [
        'coordinator',
        'agency_officer',
        'facility_staff',
        'fund_officer',
        'police_duty_officer',
      ] as const) {
        expect((await c.api('GET', '/v1/deliveries', { role })).body).toMatchObject({
          status: 403,
          type: 'forbidden',
        });
      }
      expect((await c.api('GET', '/v1/deliveries', { token: null })).status).toBe(401);
    });

    it('refuses malformed filters with 400 validation-failed', async () => {
      const c = ctx();
      for (const q of [
        'eventId=nope',
        'status=lost',
        'recipient=1',
        'limit=0',
        'limit=1000',
        'cursor=garbage',
        'unknown=1',
      ]) {
        const res = await c.api('GET', `/v1/deliveries?${q}`);
        expect({ q, status: res.status, type: res.body?.type }).toEqual({
          q,
          status: 400,
          type: 'validation-failed',
        });
      }
      expect((await c.api('GET', '/v1/deliveries/7b0c5a1e-0000-4000-8000-000000000000')).status).toBe(404);
    });

    it('lets an operator re-drive a failed delivery once the recipient is fixed, keeping every earlier attempt', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      const path = `/hooks/${facility}`;
      await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(path, secret, { status: 500 }),
        secret,
      });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility));
      const failed = await eventually(async () => {
        const [d] = await c.deliveriesOf(event.id);
        expect(d?.status).toBe('failed');
        return d;
      });
      for (const role of ['agency_officer', 'coordinator', 'facility_staff'] as const) {
        expect((await c.api('POST', `/v1/deliveries/${failed.id}/redrive`, { role })).status).toBe(403);
      }

      c.http.behave(path, { status: 200 });
      const redriven = await c.api('POST', `/v1/deliveries/${failed.id}/redrive`, {
        role: 'operator',
        org: 'OPS',
      });
      expect(redriven.status).toBe(200);
      expect(redriven.body).toMatchObject({ id: failed.id, failedAt: null, redrivenAt: expect.any(String) });
      const delivered = await eventually(async () => {
        const [d] = await c.deliveriesOf(event.id);
        expect(d?.status).toBe('delivered');
        return d;
      });
      expect(
        delivered.attempts.map((a: { attempt: number; outcome: string }) => `${a.attempt}:${a.outcome}`),
      ).toEqual(['1:failed', '2:failed', '3:failed', '4:delivered']);

      const again = await c.api('POST', `/v1/deliveries/${failed.id}/redrive`, { role: 'admin' });
      expect(again.body).toMatchObject({ status: 409, type: 'illegal-transition' });
      const unknown = await c.api('POST', '/v1/deliveries/7b0c5a1e-0000-4000-8000-000000000000/redrive');
      expect(unknown.body).toMatchObject({ status: 404, type: 'not-found' });
    });

    it('documents the API in /docs-json', async () => {
      const c = ctx();
      const doc = (await (await fetch(`${c.svc.url}/docs-json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/recipients',
          '/v1/recipients/{id}',
          '/v1/deliveries',
          '/v1/deliveries/{id}',
        ]),
      );
    });
  });
}
