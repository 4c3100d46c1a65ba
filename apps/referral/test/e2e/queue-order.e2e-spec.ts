import {
  get,
  post,
  report,
  startReferral,
  tokens,
  uniqueName,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe('the duty queue: referrals by handover deadline', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
  });

  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

  it('R-4.2 lists the nearest deadline first and, with dueWithin=PT6H, only those due within 6 hours or overdue', async () => {
    const org = uniqueName('NGO-').toUpperCase();
    const created = await post(svc, '/v1/organisations', await tokens.admin(), {
      code: org,
      name: 'Queue order NGO',
      kind: 'ngo',
    });
    expect(created.status).toBe(201);
    const fresh = await report(svc, org, { identifiedAt: hoursAgo(1) }); // due in 23 h
    const soon = await report(svc, org, { identifiedAt: hoursAgo(20) }); // due in 4 h
    const overdue = await report(svc, org, { identifiedAt: hoursAgo(25) }); // 1 h overdue
    const headers = await tokens.agency(org);

    const all = await get(svc, '/v1/referrals?sort=handoverDueAt&limit=100', headers);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: Json) => r.id)).toEqual([overdue.id, soon.id, fresh.id]);

    const due = await get(svc, '/v1/referrals?sort=handoverDueAt&dueWithin=PT6H&limit=100', headers);
    expect(due.body.items.map((r: Json) => r.id)).toEqual([overdue.id, soon.id]);

    // Keyset pages follow the deadline order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Json } = await get(
        svc,
        `/v1/referrals?sort=handoverDueAt&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        headers,
      );
      seen.push(...page.body.items.map((r: Json) => r.id as string));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([overdue.id, soon.id, fresh.id]);
  });

  it('refuses a dueWithin that is not a duration, naming the field', async () => {
    for (const bad of ['6h', 'PT', 'P99D', 'P1Y']) {
      const res = await get(svc, `/v1/referrals?sort=handoverDueAt&dueWithin=${bad}`, await tokens.duty());
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(JSON.stringify(res.body.errors)).toContain('dueWithin');
    }
    const sort = await get(svc, '/v1/referrals?sort=caseNumber', await tokens.duty());
    expect(sort.status).toBe(400);
  });
});
