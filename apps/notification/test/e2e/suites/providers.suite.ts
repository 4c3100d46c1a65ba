import { randomUUID } from 'node:crypto';
import { eventually } from '#shared/testing';
import { ServiceRequestAccepted, ServiceRequested, VictimReturnChanged, VictimSafetyChanged } from '#shared';
import type { WebhookBody } from '../../../src/channels/webhook.sender.js';
import type { E2eContext } from '../../support/context.js';
import { newWebhookSecret, uniqueCaseNumber, uniqueOrg, uniqueVictimRef } from '../../support/fixtures.js';

const PERSONAL = /Leyla|Mammadova|female|18-24|"profile"|"needs"|insulin/;

/** Service providers, return cases and restricted disclosure. */
export function providersSuite(ctx: () => E2eContext): void {
  describe('providers, return cases and restricted disclosure', () => {
    async function hook(c: E2eContext, org: string) {
      const secret = newWebhookSecret();
      const path = `/hooks/${org}-${randomUUID()}`;
      const id = await c.recipient({
        org,
        channel: 'webhook',
        address: c.http.receiver(path, secret),
        secret,
      });
      return { id, path, bodies: () => c.http.on(path).map((r) => JSON.parse(r.body) as WebhookBody) };
    }

    it('R-3.3 tells the Ministry of Health of a medical request in its language, with no personal data', async () => {
      const c = ctx();
      const moh = await hook(c, 'MOH');
      try {
        const caseNumber = uniqueCaseNumber();
        const requestId = randomUUID();
        await c.bus.publish(ServiceRequested, {
          requestId,
          victimRef: uniqueVictimRef(),
          caseNumber,
          service: 'medical',
          profile: {
            sex: 'female',
            ageBand: '18-24',
            age: 22,
            child: false,
            languages: ['az'],
            needs: ['medical'],
          },
          region: 'Baku',
          referringOrg: 'MLSPP',
          requestedAt: new Date().toISOString(),
          note: 'insulin',
        });
        const [body] = await eventually(() => {
          const got = moh.bodies().filter((b) => b.data.requestId === requestId);
          expect(got).toHaveLength(1);
          return got;
        });
        expect(body.type).toBe('service.requested');
        expect(body.text).toContain(caseNumber);
        expect(body.text).toContain('medical');
        expect(JSON.stringify(body)).not.toMatch(PERSONAL);
      } finally {
        await c.api('POST', `/v1/recipients/${moh.id}/deactivate`);
      }
    });

    it('R-1.2 sends each step of a return case to MFA and SMS, and to SBS once travel is arranged', async () => {
      const c = ctx();
      const [mfa, sms, sbs] = [await hook(c, 'MFA'), await hook(c, 'SMS'), await hook(c, 'SBS')];
      try {
        const returnId = randomUUID();
        const base = {
          returnId,
          victimRef: uniqueVictimRef(),
          caseNumber: uniqueCaseNumber(),
          wish: 'return' as const,
          destinationCountry: 'UZ',
        };
        await c.bus.publish(VictimReturnChanged, {
          ...base,
          status: 'requested',
          at: new Date().toISOString(),
        });
        await c.bus.publish(VictimReturnChanged, {
          ...base,
          status: 'travel_arranged',
          at: new Date().toISOString(),
        });
        const statuses = (h: typeof mfa) => h.bodies().map((b) => b.data.status);
        await eventually(() => {
          expect(statuses(mfa).sort()).toEqual(['requested', 'travel_arranged']);
          expect(statuses(sms).sort()).toEqual(['requested', 'travel_arranged']);
          expect(statuses(sbs)).toEqual(['travel_arranged']);
        });
        expect(mfa.bodies()[0]?.text).toContain('UZ');
      } finally {
        for (const h of [mfa, sms, sbs]) await c.api('POST', `/v1/recipients/${h.id}/deactivate`);
      }
    });

    it("R-5 names the assistance centre only to the special police unit while the victim's disclosure is restricted", async () => {
      const c = ctx();
      const agencyOrg = uniqueOrg('NGO');
      const centre = uniqueOrg('AC');
      const [agency, spu] = [await hook(c, agencyOrg), await hook(c, 'MIA-SPU')];
      try {
        const victimRef = uniqueVictimRef();
        await c.bus.publish(VictimSafetyChanged, {
          victimRef,
          riskLevel: 'high',
          restrictDisclosure: true,
          assessedAt: new Date().toISOString(),
        });
        const answer = {
          victimRef,
          caseNumber: uniqueCaseNumber(),
          service: 'rehabilitation' as const,
          providerOrg: centre,
          referringOrg: agencyOrg,
          at: new Date().toISOString(),
        };
        const restricted = randomUUID();
        // The safety event is consumed first (one queue, in order), then the answer.
        await eventually(async () => {
          const { rows } = await c.db.query(
            'SELECT restrict_disclosure FROM notification.victim_disclosures WHERE victim_ref = $1',
            [victimRef],
          );
          expect(rows[0]?.restrict_disclosure).toBe(true);
        });
        await c.bus.publish(ServiceRequestAccepted, { ...answer, requestId: restricted });
        await eventually(() => {
          expect(agency.bodies().filter((b) => b.data.requestId === restricted)).toHaveLength(1);
          expect(spu.bodies().filter((b) => b.data.requestId === restricted)).toHaveLength(1);
        });
        const toAgency = agency.bodies().find((b) => b.data.requestId === restricted)!;
        const toSpu = spu.bodies().find((b) => b.data.requestId === restricted)!;
        expect(JSON.stringify(toAgency)).not.toContain(centre);
        expect(toSpu.text).toContain(centre);
        expect(toSpu.data.providerOrg).toBe(centre);

        // Lifted: the agency learns the centre again.
        await c.bus.publish(VictimSafetyChanged, {
          victimRef,
          riskLevel: 'low',
          restrictDisclosure: false,
          assessedAt: new Date(Date.now() + 1000).toISOString(),
        });
        await eventually(async () => {
          const { rows } = await c.db.query(
            'SELECT restrict_disclosure FROM notification.victim_disclosures WHERE victim_ref = $1',
            [victimRef],
          );
          expect(rows[0]?.restrict_disclosure).toBe(false);
        });
        const open = randomUUID();
        await c.bus.publish(ServiceRequestAccepted, { ...answer, requestId: open });
        await eventually(() =>
          expect(agency.bodies().find((b) => b.data.requestId === open)?.text).toContain(centre),
        );
      } finally {
        for (const h of [agency, spu]) await c.api('POST', `/v1/recipients/${h.id}/deactivate`);
      }
    });
  });
}
