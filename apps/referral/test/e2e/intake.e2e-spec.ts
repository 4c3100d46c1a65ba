import pg from 'pg';
import { IdempotencyKeyJanitor } from '../../src/referrals/idempotency-key-janitor.js';
import { EventTap, testEnv } from '#shared/testing';
import {
  post,
  referralBody,
  type Json,
  startReferral,
  tokens,
  uniqueName,
  type ReferralService,
} from '../support/referral-service.js';

describe('POST /v1/referrals (intake)', () => {
  let svc: ReferralService;
  let tap: EventTap;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl, 'referral.#');
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  it('R-4.1 records the referral and publishes referral.reported at once, without personal data', async () => {
    const body = referralBody();
    const res = await post(svc, '/v1/referrals', await tokens.agency('MOH'), body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      caseNumber: expect.stringMatching(/^NRM-\d{4}-\d{6}$/),
      status: 'reported',
      handoverDueAt: expect.any(String),
      victimRef: expect.stringMatching(/^V-[0-9A-Z]{20}$/),
    });
    const event = await tap.waitFor<Json>('referral.reported', (d) => d.referralId === res.body.id);
    expect(event.data).toMatchObject({
      caseNumber: res.body.caseNumber,
      victimRef: res.body.victimRef,
      kind: 'presumed_victim',
      reportingOrg: 'MOH',
      region: 'Baku',
      handoverDueAt: res.body.handoverDueAt,
      likelyDuplicate: false,
      profile: {
        sex: 'female',
        child: true,
        ageBand: '14-17',
        languages: ['az', 'ru'],
        needs: ['shelter', 'medical'],
      },
    });
    const raw = JSON.stringify(event);
    const person = body.person as Record<string, string>;
    for (const secret of [
      person.givenName,
      person.familyName,
      person.dateOfBirth,
      person.contact,
      'construction site',
      'C01234567',
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it('R-4.2 sets handoverDueAt to identifiedAt + 24 hours', async () => {
    const identifiedAt = '2026-01-10T08:15:00.000Z';
    const res = await post(svc, '/v1/referrals', await tokens.agency('MOE'), referralBody({ identifiedAt }));
    expect(res.status).toBe(201);
    expect(res.body.handoverDueAt).toBe('2026-01-11T08:15:00.000Z');
  });

  it('gives sequential, unique case numbers under concurrent intake', async () => {
    const headers = await tokens.agency('MLSPP');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(svc, '/v1/referrals', headers, referralBody())),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => Number(String(r.body.caseNumber).slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
  });

  describe('validation', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ['an unknown kind', { kind: 'rumour' }, {}, 'kind'],
      [
        'a future identifiedAt',
        { identifiedAt: new Date(Date.now() + 86_400_000).toISOString() },
        {},
        'identifiedAt',
      ],
      ['a malformed identifiedAt', { identifiedAt: 'yesterday' }, {}, 'identifiedAt'],
      ['an identifiedAt without a time zone', { identifiedAt: '2026-01-10T08:15:00' }, {}, 'identifiedAt'],
      ['a non-ISO citizenship', {}, { citizenship: 'Azerbaijan' }, 'person.citizenship'],
      ['an unknown country code', {}, { citizenship: 'QQ' }, 'person.citizenship'],
      ['a future birth date', {}, { dateOfBirth: '2999-01-01' }, 'person.dateOfBirth'],
      ['an impossible birth date', {}, { dateOfBirth: '2001-02-30' }, 'person.dateOfBirth'],
      ['a negative age estimate', {}, { dateOfBirth: undefined, ageEstimate: -3 }, 'person.ageEstimate'],
      ['an unknown sex', {}, { sex: 'x' }, 'person.sex'],
      ['a non-ISO language', {}, { languages: ['azerbaijani'] }, 'person.languages'],
      ['an empty given name', {}, { givenName: '' }, 'person.givenName'],
      ['an unknown exploitation form', { exploitation: ['hobby'] }, {}, 'exploitation'],
      ['no exploitation form', { exploitation: [] }, {}, 'exploitation'],
      ['an unknown urgent need', { urgentNeeds: ['pony'] }, {}, 'urgentNeeds'],
      [
        'a document of an unknown kind',
        { documents: [{ kind: 'diary', reference: 'x' }] },
        {},
        'documents[0].kind',
      ],
      ['an unknown field', { favouriteColour: 'blue' }, {}, 'favouriteColour'],
      ['a missing region', { region: undefined }, {}, 'region'],
    ];
    it('R-6.6 accepts a person whose age is not established and presumes them a child', async () => {
      const res = await post(
        svc,
        '/v1/referrals',
        await tokens.agency('MOH'),
        referralBody({}, { dateOfBirth: undefined }),
      );
      expect(res.status).toBe(201);
      const event = await tap.waitFor<Json>('referral.reported', (d) => d.referralId === res.body.id);
      expect(event.data.profile).toMatchObject({ ageBand: 'unknown', child: true });
    });

    it.each(cases)('refuses %s with 400 naming the field', async (_label, overrides, person, field) => {
      const body = referralBody(overrides, person);
      const res = await post(svc, '/v1/referrals', await tokens.agency('MOH'), body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.type).toBe('validation-failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      // The problem never echoes personal data.
      const personal = body.person as Record<string, string>;
      expect(JSON.stringify(res.body)).not.toContain(personal.familyName);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const res = await fetch(`${svc.url}/v1/referrals`, {
        method: 'POST',
        headers: await tokens.agency('MOH'),
        body: '{"kind":',
      });
      expect(res.status).toBe(400);
    });

    it('accepts an age estimate instead of a birth date', async () => {
      const res = await post(
        svc,
        '/v1/referrals',
        await tokens.agency('MOH'),
        referralBody({}, { dateOfBirth: undefined, ageEstimate: 30 }),
      );
      expect(res.status).toBe(201);
    });
  });

  describe('roles', () => {
    it('refuses intake by roles other than agency_officer', async () => {
      for (const headers of [await tokens.duty(), await tokens.coordinator(), await tokens.admin()]) {
        const res = await post(svc, '/v1/referrals', headers, referralBody());
        expect(res.status).toBe(403);
      }
    });

    it('refuses an organisation that is not registered', async () => {
      const res = await post(
        svc,
        '/v1/referrals',
        await tokens.agency(uniqueName('GHOST-').toUpperCase()),
        referralBody(),
      );
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('unknown-organisation');
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the same referral for the same key and body', async () => {
      const headers = { ...(await tokens.agency('MOJ')), 'idempotency-key': uniqueName('key-') };
      const body = referralBody();
      const first = await post(svc, '/v1/referrals', headers, body);
      const second = await post(svc, '/v1/referrals', headers, body);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
    });

    it('refuses the same key with another body with 422', async () => {
      const headers = { ...(await tokens.agency('MOJ')), 'idempotency-key': uniqueName('key-') };
      const first = await post(svc, '/v1/referrals', headers, referralBody());
      const second = await post(svc, '/v1/referrals', headers, referralBody());
      expect(first.status).toBe(201);
      expect(second.status).toBe(422);
      expect(second.body.type).toBe('idempotency-key-reused');
    });

    it('writes nothing when an intake with a key fails: no claimed key, no referral, no outbox row', async () => {
      const org = uniqueName('GHOST-').toUpperCase();
      const key = uniqueName('key-');
      const res = await post(
        svc,
        '/v1/referrals',
        { ...(await tokens.agency(org)), 'idempotency-key': key },
        referralBody(),
      );
      expect(res.status).toBe(403);
      const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ keys: number; referrals: number; events: number }>(
          `SELECT (SELECT count(*)::int FROM "referral".idempotency_keys WHERE idempotency_key = $1) AS keys,
                  (SELECT count(*)::int FROM "referral".referrals WHERE reporting_org = $2) AS referrals,
                  (SELECT count(*)::int FROM "referral".outbox WHERE envelope->'data'->>'reportingOrg' = $2) AS events`,
          [key, org],
        );
        expect(rows[0]).toEqual({ keys: 0, referrals: 0, events: 0 });
      } finally {
        await db.end();
      }
    });

    it('writes nothing on a replay: one referral, one referral.reported, the first report not flagged', async () => {
      const headers = { ...(await tokens.agency('MOJ')), 'idempotency-key': uniqueName('key-') };
      const body = referralBody();
      const first = await post(svc, '/v1/referrals', headers, body);
      const second = await post(svc, '/v1/referrals', headers, body);
      expect([first.status, second.status]).toEqual([201, 201]);
      const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ referrals: number; events: number; duplicate: boolean }>(
          `SELECT (SELECT count(*)::int FROM "referral".referrals WHERE victim_ref = $1) AS referrals,
                  (SELECT count(*)::int FROM "referral".outbox WHERE envelope->'data'->>'referralId' = $2::text) AS events,
                  (SELECT likely_duplicate FROM "referral".referrals WHERE id = $2::uuid) AS duplicate`,
          [first.body.victimRef, first.body.id],
        );
        expect(rows[0]).toEqual({ referrals: 1, events: 1, duplicate: false });
      } finally {
        await db.end();
      }
    });

    it('creates exactly one referral for concurrent requests with the same key', async () => {
      const headers = { ...(await tokens.agency('MFA')), 'idempotency-key': uniqueName('key-') };
      const body = referralBody();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => post(svc, '/v1/referrals', headers, body)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(new Set(results.map((r) => r.body.caseNumber)).size).toBe(1);
    });

    it('forgets a key after its retention period', async () => {
      const key = uniqueName('key-');
      const headers = { ...(await tokens.agency('MOJ')), 'idempotency-key': key };
      const body = referralBody();
      const first = await post(svc, '/v1/referrals', headers, body);
      const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
      await db.connect();
      try {
        await db.query(
          `UPDATE "referral".idempotency_keys SET created_at = now() - interval '90 days' WHERE idempotency_key = $1`,
          [key],
        );
      } finally {
        await db.end();
      }
      expect(await svc.app.get(IdempotencyKeyJanitor).sweep()).toBeGreaterThanOrEqual(1);
      const again = await post(svc, '/v1/referrals', headers, body);
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(first.body.id);
    });

    it('keeps keys apart per organisation', async () => {
      const key = uniqueName('key-');
      const a = await post(
        svc,
        '/v1/referrals',
        { ...(await tokens.agency('MYS')), 'idempotency-key': key },
        referralBody(),
      );
      const b = await post(
        svc,
        '/v1/referrals',
        { ...(await tokens.agency('MCT')), 'idempotency-key': key },
        referralBody(),
      );
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).not.toBe(b.body.id);
    });
  });
});
