import { eventually } from '#shared/testing';
import { report, startReferral, type ReferralService } from '../support/referral-service.js';

/** The gauge behind the "deadline approaching with no handover" alert (deploy/observability). */
describe('nrm_referrals_awaiting_handover', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
  });

  const gauge = async (due: string) => {
    const text = await (await fetch(`${svc.url}/metrics`)).text();
    const m = new RegExp(`^nrm_referrals_awaiting_handover\\{[^}]*due="${due}"[^}]*\\} (\\d+)$`, 'm').exec(
      text,
    );
    return m ? Number(m[1]) : undefined;
  };

  it('counts, at scrape time, referrals not handed over whose deadline is near or past', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const before = { approaching: (await gauge('approaching')) ?? 0, overdue: (await gauge('overdue')) ?? 0 };
    await report(svc, 'MOH', { identifiedAt: hoursAgo(23) }); // due in an hour: within the 4-hour lead
    await report(svc, 'MOH', { identifiedAt: hoursAgo(25) }); // due an hour ago
    await report(svc, 'MOH', { identifiedAt: hoursAgo(1) }); // due in 23 hours: not yet
    await eventually(async () => ((await gauge('approaching')) ?? 0) > before.approaching);
    await eventually(async () => ((await gauge('overdue')) ?? 0) > before.overdue);
  });
});
