import { eventually } from '#shared/testing';
import {
  PayoutApproved,
  ReferralDeadlineBreached,
  ReferralReported,
  ShelterAdmissionRequested,
  ShelterWaitlisted,
} from '#shared';
import type { WebhookBody } from '../../../src/channels/webhook.sender.js';
import type { E2eContext } from '../../support/context.js';
import { newWebhookSecret, payloads, uniqueOrg } from '../../support/fixtures.js';

const PERSONAL = /Leyla|Mammadova|female|18-24|"profile"|"needs"/;

/** Who is told what, over which channel, as the events arrive on the bus. */
export function routingSuite(ctx: () => E2eContext): void {
  describe('routing and channels', () => {
    it('R-4.1 tells the special police unit of a new referral at once by e-mail, signed webhook and SMS', async () => {
      const c = ctx();
      const tag = uniqueOrg('SPU').toLowerCase();
      const email = `duty-${tag}@police.test.az`;
      const secret = newWebhookSecret();
      const hook = c.http.receiver(`/hooks/${tag}`, secret);
      const phone = `+99455${Math.floor(Math.random() * 1e7)
        .toString()
        .padStart(7, '0')}`;
      const ids = [
        await c.recipient({ org: 'MIA-SPU', channel: 'email', address: email }),
        await c.recipient({ org: 'MIA-SPU', channel: 'webhook', address: hook, secret }),
        await c.recipient({ org: 'MIA-SPU', channel: 'sms', address: phone, language: 'az' }),
      ];
      try {
        const data = payloads.referralReported();
        const event = await c.bus.publish(ReferralReported, data);

        const log = await eventually(async () => {
          const items = (await c.deliveriesOf(event.id)).filter((d) => ids.includes(d.recipientId as string));
          expect(items.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
          return items;
        });
        for (const d of log) {
          expect(d).toMatchObject({ org: 'MIA-SPU', eventType: 'referral.reported', attemptCount: 1 });
          expect(d.attempts).toEqual([
            expect.objectContaining({ attempt: 1, outcome: 'delivered', error: null }),
          ]);
          expect(d.attempts[0].responseCode).toBeGreaterThanOrEqual(200);
        }

        const [mail] = c.smtp.to(email);
        expect(mail?.raw).toContain(`URGENT: new referral ${data.caseNumber}`);
        expect(mail?.raw).toContain(data.victimRef);

        const [req] = c.http.on(`/hooks/${tag}`);
        expect(req?.verified).toBe(true);
        const body = JSON.parse(req.body) as WebhookBody;
        expect(body.data).toMatchObject({ caseNumber: data.caseNumber, victimRef: data.victimRef });
        expect(req.headers['webhook-id']).toBe(log.find((d) => d.channel === 'webhook')!.id);

        const sms = c.http.on('/sms-gateway').map((r) => JSON.parse(r.body) as { to: string; text: string });
        expect(sms.find((s) => s.to === phone)?.text).toContain(data.caseNumber);
      } finally {
        for (const id of ids) await c.api('DELETE', `/v1/recipients/${id}`);
      }
    });

    it('R-4.2 escalates a breached handover deadline to the special police unit and the National Coordinator', async () => {
      const c = ctx();
      const tag = uniqueOrg('R42').toLowerCase();
      const secret = newWebhookSecret();
      const spu = await c.recipient({
        org: 'MIA-SPU',
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${tag}-spu`, secret),
        secret,
      });
      const nc = await c.recipient({
        org: 'NC',
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${tag}-nc`, secret),
        secret,
      });
      try {
        const event = await c.bus.publish(ReferralDeadlineBreached, payloads.deadlineBreached());
        await eventually(async () => {
          const mine = (await c.deliveriesOf(event.id)).filter((d) =>
            [spu, nc].includes(d.recipientId as string),
          );
          expect(mine.map((d) => `${d.org}:${d.status}`).sort()).toEqual([
            'MIA-SPU:delivered',
            'NC:delivered',
          ]);
        });
        expect(c.http.on(`/hooks/${tag}-nc`)[0]?.verified).toBe(true);
      } finally {
        for (const id of [spu, nc]) await c.api('DELETE', `/v1/recipients/${id}`);
      }
    });

    it('R-1.3.2 sends the admission message to the facility holding the bed, with no personal data', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${facility}`, secret),
        secret,
        language: 'ru',
      });
      const other = uniqueOrg('SH');
      await c.recipient({
        org: other,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${other}`, secret),
        secret,
      });
      const data = payloads.admissionRequested(facility);
      const event = await c.bus.publish(ShelterAdmissionRequested, data);
      const [req] = await eventually(() => {
        const reqs = c.http.on(`/hooks/${facility}`);
        expect(reqs).toHaveLength(1);
        return reqs;
      });
      expect(req.verified).toBe(true);
      const body = JSON.parse(req.body) as WebhookBody;
      expect(body).toMatchObject({ type: 'shelter.admission.requested', eventId: event.id, language: 'ru' });
      expect(body.subject).toContain('Запрос на приём');
      expect(body.data).toMatchObject({
        caseNumber: data.caseNumber,
        victimRef: data.victimRef,
        facilityCode: facility,
      });
      expect(req.body).not.toMatch(PERSONAL);
      expect(c.http.on(`/hooks/${other}`)).toHaveLength(0);
    });

    it('tells the referring agency that the victim is waitlisted, in its language', async () => {
      const c = ctx();
      const agency = uniqueOrg('NGO');
      const email = `${agency.toLowerCase()}@ngo.test.az`;
      await c.recipient({ org: agency, channel: 'email', address: email, language: 'az' });
      const event = await c.bus.publish(ShelterWaitlisted, payloads.waitlisted(agency));
      await eventually(() => expect(c.smtp.to(email)).toHaveLength(1));
      // The receiver may answer before the attempt is recorded.
      await eventually(async () => {
        const [d] = await c.deliveriesOf(event.id);
        expect(d).toMatchObject({ org: agency, channel: 'email', language: 'az', status: 'delivered' });
      });
    });

    it('tells the Fund of payout steps', async () => {
      const c = ctx();
      const secret = newWebhookSecret();
      const path = `/hooks/${uniqueOrg('FUND')}`;
      const id = await c.recipient({
        org: 'FUND',
        channel: 'webhook',
        address: c.http.receiver(path, secret),
        secret,
      });
      try {
        const data = payloads.payoutApproved();
        await c.bus.publish(PayoutApproved, data);
        const [req] = await eventually(() => {
          const reqs = c.http
            .on(path)
            .filter((r) => (JSON.parse(r.body) as WebhookBody).data.payoutId === data.payoutId);
          expect(reqs).toHaveLength(1);
          return reqs;
        });
        expect((JSON.parse(req.body) as WebhookBody).data.amount).toBe('1500.00 AZN');
      } finally {
        await c.api('DELETE', `/v1/recipients/${id}`);
      }
    });

    it('delivers each (event, recipient, channel) once when the same event arrives twice', async () => {
      const c = ctx();
      const facility = uniqueOrg('SH');
      const secret = newWebhookSecret();
      await c.recipient({
        org: facility,
        channel: 'webhook',
        address: c.http.receiver(`/hooks/${facility}`, secret),
        secret,
      });
      const aggregateId = crypto.randomUUID();
      const first = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility), {
        aggregateId,
      });
      await c.bus.publishEnvelope(first);
      // Same aggregate: handled after the duplicate, so once it is delivered the duplicate was seen.
      const marker = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(facility), {
        aggregateId,
      });
      await eventually(async () => {
        expect((await c.deliveriesOf(marker.id))[0]?.status).toBe('delivered');
        expect((await c.deliveriesOf(first.id)).map((d) => d.status)).toEqual(['delivered']);
      });
      expect(
        c.http
          .on(`/hooks/${facility}`)
          .filter((r) => (JSON.parse(r.body) as WebhookBody).eventId === first.id),
      ).toHaveLength(1);
    });
  });
}
