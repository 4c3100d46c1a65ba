import pg from 'pg';
import { EventTap, testEnv } from '#shared/testing';
import {
  auth,
  get,
  put,
  report,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe("victims' safety (R-5)", () => {
  let svc: ReferralService;
  let tap: EventTap;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const assessment = {
    riskLevel: 'high',
    threats: ['Recruiter phoned the family in Ganja'],
    measures: ['Address withheld from the case file'],
    restrictDisclosure: true,
  };

  it('R-5 records the assessment sealed, lets only the risk level and the restriction leave, and logs every read', async () => {
    const referral = await report(svc, 'MOH');
    const url = `/v1/victims/${referral.victimRef}/safety`;
    expect((await get(svc, url, await tokens.duty())).status).toBe(404);
    expect((await put(svc, url, await tokens.duty(), { ...assessment, riskLevel: 'extreme' })).status).toBe(
      400,
    );
    const saved = await put(svc, url, await tokens.duty(), assessment);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...assessment, version: 1 });

    const event = await tap.waitFor<Json>('victim.safety.changed', (d) => d.victimRef === referral.victimRef);
    expect(Object.keys(event.data).sort()).toEqual([
      'assessedAt',
      'restrictDisclosure',
      'riskLevel',
      'victimRef',
    ]);
    expect(event.data).toMatchObject({ riskLevel: 'high', restrictDisclosure: true });
    expect(JSON.stringify(event)).not.toContain('Ganja');

    const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
    try {
      const raw = await db.query(`SELECT row_to_json(a)::text AS row FROM "referral".safety_assessments a`);
      expect(raw.rows.map((r: { row: string }) => r.row).join('\n')).not.toMatch(/Ganja|withheld/);
    } finally {
      await db.end();
    }

    const read = await get(svc, url, await tokens.duty());
    expect(read.body).toMatchObject(assessment);
    // Another police body may not read it; the refused read is logged too.
    expect((await get(svc, url, await auth('police_duty_officer', 'MIA', 'mia-1'))).status).toBe(403);
    expect((await get(svc, url, await tokens.agency('MOH'))).status).toBe(403);
    const log = await get(svc, `/v1/victims/${referral.victimRef}/access-log`, await tokens.duty());
    const safetyReads = (log.body as unknown as Json[]).filter((e) => e.purpose === 'safety_assessment');
    expect(safetyReads.map((e) => [e.outcome, e.actorOrg, e.fields])).toEqual([
      ['granted', 'MIA-SPU', ['threats', 'measures']],
      ['refused', 'MIA', ['threats', 'measures']],
    ]);

    const lowered = await put(svc, url, await tokens.duty(), {
      ...assessment,
      riskLevel: 'medium',
      restrictDisclosure: false,
    });
    expect(lowered.body.version).toBe(2);
    await tap.waitFor<Json>(
      'victim.safety.changed',
      (d) => d.victimRef === referral.victimRef && d.riskLevel === 'medium',
    );
  });
});
