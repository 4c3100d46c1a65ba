import { EventTap, testEnv } from '#shared/testing';
import pg from 'pg';
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

describe('reading referrals: isolation, duplicates, pages', () => {
  let svc: ReferralService;
  let tap: EventTap;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl, 'referral.reported');
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const newNgo = async () => {
    const code = uniqueName('NGO-').toUpperCase();
    const res = await post(svc, '/v1/organisations', await tokens.admin(), {
      code,
      name: 'Tamas Regional Public Union',
      kind: 'ngo',
    });
    expect(res.status).toBe(201);
    return code;
  };

  it('R-1.3.2 shows an agency its own referrals only, never what other agencies sent', async () => {
    const own = await report(svc, 'MOH');
    const other = await report(svc, 'MOE');
    const headers = await tokens.agency('MOH');
    expect((await get(svc, `/v1/referrals/${own.id}`, headers)).status).toBe(200);
    const foreign = await get(svc, `/v1/referrals/${other.id}`, headers);
    expect(foreign.status).toBe(404);
    expect(foreign.body.type).toBe('not-found');
    const list = await get(svc, '/v1/referrals?limit=100', headers);
    expect(list.body.items.every((r: Json) => r.reportingOrg === 'MOH')).toBe(true);
    expect(list.body.items.map((r: Json) => r.id)).not.toContain(other.id);
  });

  it('R-1.3.2 shows the duty officer every referral; the coordinator (aggregates only) neither one nor a list', async () => {
    const referral = await report(svc, 'MOE');
    const duty = await get(svc, `/v1/referrals/${referral.id}`, await tokens.duty());
    expect(duty.body.victimRef).toBe(referral.victimRef);
    const coordinator = await get(svc, `/v1/referrals/${referral.id}`, await tokens.coordinator());
    expect(coordinator.status).toBe(403);
    expect(coordinator.body.type).toBe('forbidden');
    const list = await get(svc, '/v1/referrals', await tokens.coordinator());
    expect(list.status).toBe(403);
    expect(JSON.stringify(list.body)).not.toContain(referral.caseNumber);
    expect((await get(svc, `/v1/referrals/${referral.id}`, await tokens.agency('MOH'))).status).toBe(404);
  });

  it('flags a person reported by two agencies as a likely duplicate for the duty officer, by blind index', async () => {
    const given = uniqueName('Gülnarə');
    const family = uniqueName('Həsənova');
    const ngo = await newNgo();
    const first = await report(
      svc,
      'SCFWCA',
      {},
      { givenName: given, familyName: family, dateOfBirth: '2003-04-05' },
    );
    // Same person written differently: upper case, no diacritics, extra spaces.
    const second = await report(
      svc,
      ngo,
      {},
      {
        givenName: `  ${given.toUpperCase().replace('Ü', 'U')} `,
        familyName: family.toUpperCase(),
        dateOfBirth: '2003-04-05',
      },
    );
    const unrelated = await report(
      svc,
      ngo,
      {},
      { givenName: given, familyName: family, dateOfBirth: '2003-04-06' },
    );

    const event = await tap.waitFor<Json>('referral.reported', (d) => d.referralId === second.id);
    expect(event.data.likelyDuplicate).toBe(true);
    const duty = await tokens.duty();
    expect((await get(svc, `/v1/referrals/${first.id}`, duty)).body.likelyDuplicate).toBe(true);
    expect((await get(svc, `/v1/referrals/${second.id}`, duty)).body.likelyDuplicate).toBe(true);
    expect((await get(svc, `/v1/referrals/${unrelated.id}`, duty)).body.likelyDuplicate).toBe(false);
    // The reporting agencies are not told about each other's reports.
    expect(
      (await get(svc, `/v1/referrals/${second.id}`, await tokens.agency(ngo))).body.likelyDuplicate,
    ).toBeUndefined();
  });

  it('pages with an opaque keyset cursor without gaps or repeats', async () => {
    const ngo = await newNgo();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await report(svc, ngo)).id);
    const headers = await tokens.agency(ngo);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(svc, `/v1/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((r: Json) => r.id as string));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toHaveLength(created.length);
    expect([...seen].sort()).toEqual([...created].sort());
  });

  it('filters by status and refuses a forged cursor or an unknown filter', async () => {
    const ngo = await newNgo();
    const referral = await report(svc, ngo);
    const headers = await tokens.agency(ngo);
    const reported = await get(svc, '/v1/referrals?status=reported', headers);
    expect(reported.body.items.map((r: Json) => r.id)).toEqual([referral.id]);
    expect((await get(svc, '/v1/referrals?status=handed_over', headers)).body.items).toEqual([]);
    expect((await get(svc, '/v1/referrals?cursor=bm90LWEtY3Vyc29y', headers)).status).toBe(400);
    expect((await get(svc, '/v1/referrals?status=lost', headers)).status).toBe(400);
    expect((await get(svc, '/v1/referrals?limit=1000', headers)).status).toBe(400);
    expect((await get(svc, '/v1/referrals?orderBy=name', headers)).status).toBe(400);
  });

  it('R-2.4 gives the coordinator yearly counts only, and nobody but coordinator, admin and the unit', async () => {
    const coordinator = await tokens.coordinator();
    const crime = await report(svc, 'MOH', { kind: 'crime_detected' });
    const presumed = await report(svc, 'MOH');
    // Other test files report at the same time: move these two into a year of their own, so the
    // counts of that year are exactly theirs.
    const year = 2040 + Math.floor(Math.random() * 60);
    const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE "referral".referrals SET created_at = make_timestamptz($1, 6, 1, 12, 0, 0, 'UTC') WHERE id = ANY($2::uuid[])`,
        [year, [crime.id, presumed.id]],
      );
    } finally {
      await db.end();
    }
    const after = await get(svc, `/v1/statistics/referrals?year=${year}`, coordinator);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      year,
      total: 2,
      byKind: { crime_detected: 1, presumed_victim: 1 },
      byStatus: { reported: 2 },
      deadlineBreached: 0,
      handedOverLate: 0,
      likelyDuplicates: 0,
    });
    const current = await get(svc, '/v1/statistics/referrals', coordinator);
    expect(current.body.year).toBe(new Date().getUTCFullYear());
    expect(Object.keys(current.body).sort()).toEqual([
      'byKind',
      'byStatus',
      'deadlineBreached',
      'handedOverLate',
      'likelyDuplicates',
      'total',
      'year',
    ]);
    expect((await get(svc, '/v1/statistics/referrals?year=1800', coordinator)).status).toBe(400);
    expect((await get(svc, '/v1/statistics/referrals', await tokens.agency('MOH'))).status).toBe(403);
  });

  describe('organisations', () => {
    it('R-2.2 seeds the 14 commission bodies, the special police unit, the Fund and the National Coordinator', async () => {
      const res = await get(svc, '/v1/organisations', await tokens.admin());
      const codes = res.body.map((o: Json) => o.code);
      for (const code of [
        'MIA',
        'MNS',
        'MOE',
        'MOH',
        'MOJ',
        'MFA',
        'MLSPP',
        'MYS',
        'MCT',
        'PGO',
        'SCC',
        'SCFWCA',
        'SBS',
        'SMS',
      ]) {
        expect(codes).toContain(code);
      }
      expect(res.body.filter((o: Json) => o.kind === 'commission_body')).toHaveLength(14);
      expect(codes).toEqual(expect.arrayContaining(['MIA-SPU', 'FUND', 'NC']));
    });

    it('lets admin add NGOs and international organisations, once, and nobody else', async () => {
      const code = uniqueName('IO-').toUpperCase();
      expect(
        (
          await post(svc, '/v1/organisations', await tokens.admin(), {
            code,
            name: 'IOM Azerbaijan',
            kind: 'international',
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await post(svc, '/v1/organisations', await tokens.admin(), {
            code,
            name: 'IOM Azerbaijan',
            kind: 'international',
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await post(svc, '/v1/organisations', await tokens.admin(), {
            code: uniqueName('X-').toUpperCase(),
            name: 'x',
            kind: 'commission_body',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post(svc, '/v1/organisations', await tokens.agency('MOH'), {
            code: uniqueName('Y-').toUpperCase(),
            name: 'y',
            kind: 'ngo',
          })
        ).status,
      ).toBe(403);
      const ngoReport = await report(svc, code);
      expect(ngoReport.status).toBe('reported');
    });
  });

  describe('duty roster', () => {
    it('refuses overlapping and inverted shifts, naming the shift', async () => {
      const base = Date.UTC(2031, 0, 1);
      const res = await fetch(`${svc.url}/v1/duty-roster`, {
        method: 'PUT',
        headers: await tokens.admin(),
        body: JSON.stringify({
          shifts: [
            {
              officerId: 'a',
              startsAt: new Date(base).toISOString(),
              endsAt: new Date(base + 8 * 3_600_000).toISOString(),
            },
            {
              officerId: 'b',
              startsAt: new Date(base + 4 * 3_600_000).toISOString(),
              endsAt: new Date(base + 12 * 3_600_000).toISOString(),
            },
            {
              officerId: 'c',
              startsAt: new Date(base + 20 * 3_600_000).toISOString(),
              endsAt: new Date(base + 13 * 3_600_000).toISOString(),
            },
          ],
        }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as Json;
      expect(body.errors.map((e: Json) => e.field)).toEqual(
        expect.arrayContaining(['shifts[1].startsAt', 'shifts[2].endsAt']),
      );
    });

    it('lets only admin set the roster', async () => {
      const res = await fetch(`${svc.url}/v1/duty-roster`, {
        method: 'PUT',
        headers: await tokens.duty(),
        body: JSON.stringify({
          shifts: [{ officerId: 'me', startsAt: '2032-01-01T00:00:00Z', endsAt: '2032-01-02T00:00:00Z' }],
        }),
      });
      expect(res.status).toBe(403);
    });
  });
});
