// Demo data for `npm start` (and the browser tests), written through the services' own APIs: the duty
// roster with the `duty` user on duty now, a demo shelter and an assistance centre, the Fund topped
// up, recipients, a few referrals waiting for the duty officer, and a cohort handed over and
// identified (so the commission's annual report, R-2.4, has figures of at least k = 11 victims).
// Safe to run again: what exists is left as it is.
import { randomUUID } from 'node:crypto';
import { DEMO_CENTRE_CODE, DEMO_SHELTER_CODE } from './dev-oidc.mjs';

export { DEMO_CENTRE_CODE };

/**
 * `urls`: { referral, shelter, compensation, notification }; `token({ role, org, sub })` mints a bearer
 * token the services trust. Returns what it created (ids), for tests.
 */
export async function seedDemo({ urls, token, referrals = 3, cohortSize = 12, log = () => {} }) {
  const call = async (service, method, path, who, body, headers = {}) => {
    const res = await fetch(`${urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(who)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const admin = { role: 'admin', org: 'MIA', sub: 'admin' };
  const ok = (res, what, accept = [200, 201]) => {
    if (!accept.includes(res.status))
      throw new Error(`demo seed: ${what} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // The duty roster: `duty` on duty from a day ago for a year.
  const now = Date.now();
  ok(
    await call('referral', 'PUT', '/v1/duty-roster', admin, {
      shifts: [
        {
          officerId: 'duty',
          startsAt: new Date(now - 86_400_000).toISOString(),
          endsAt: new Date(now + 365 * 86_400_000).toISOString(),
        },
      ],
    }),
    'duty roster',
  );

  // Facilities (a taken code is 409: already seeded).
  const facilities = [
    {
      code: DEMO_SHELTER_CODE,
      name: 'Baku State Shelter for Victims of Trafficking',
      kind: 'shelter',
      region: 'Baku',
      operator: 'state',
      capacity: 12,
      accepts: { sexes: ['female', 'male', 'other', 'unknown'], children: true },
      languages: ['az', 'ru', 'en'],
    },
    {
      code: DEMO_CENTRE_CODE,
      name: 'Ganja Assistance Centre',
      kind: 'assistance_centre',
      region: 'Ganja',
      operator: 'ngo',
      capacity: 6,
      accepts: { sexes: ['female', 'male', 'other', 'unknown'], children: false, minAge: 18 },
      languages: ['az', 'ru'],
    },
  ];
  for (const f of facilities)
    ok(await call('shelter', 'POST', '/v1/facilities', admin, f), `facility ${f.code}`, [201, 409]);

  // The Fund topped up (an inflow with the same reference is a retry: 200).
  ok(
    await call(
      'compensation',
      'POST',
      '/v1/fund/inflows',
      { role: 'fund_officer', org: 'FUND', sub: 'fund-officer' },
      {
        source: 'state_budget',
        amountMinor: 50_000_000,
        reference: 'DEMO-STATE-BUDGET-2026',
      },
    ),
    'fund inflow',
    [200, 201, 409],
  );

  // Recipients: the duty channel of the special police unit and the demo shelter (e-mail).
  const existing = await call('notification', 'GET', '/v1/recipients?limit=100', admin);
  const have = new Set((existing.body?.items ?? []).map((r) => `${r.org}:${r.address}`));
  for (const r of [
    { org: 'MIA-SPU', channel: 'email', address: 'duty@spu.example.org', language: 'az' },
    { org: DEMO_SHELTER_CODE, channel: 'email', address: 'intake@shelter.example.org', language: 'az' },
  ]) {
    if (!have.has(`${r.org}:${r.address}`))
      ok(await call('notification', 'POST', '/v1/recipients', admin, r), `recipient ${r.org}`);
  }

  // A few referrals from the agency, so the duty queue is not empty: one due within 6 hours.
  const agency = { role: 'agency_officer', org: 'MIA', sub: 'agency' };
  const mine = await call('referral', 'GET', '/v1/referrals?limit=10', agency);
  const created = [];
  if ((mine.body?.items ?? []).length === 0) {
    const people = [
      {
        givenName: 'Aysel',
        familyName: 'Məmmədova',
        dateOfBirth: '2001-03-17',
        sex: 'female',
        hoursAgo: 20,
        exploitation: ['labour'],
        region: 'Baku',
      },
      {
        givenName: 'Rəşad',
        familyName: 'Quliyev',
        dateOfBirth: '1995-11-02',
        sex: 'male',
        hoursAgo: 3,
        exploitation: ['forced_begging'],
        region: 'Sumqayıt',
      },
      {
        givenName: 'Leyla',
        familyName: 'Həsənova',
        dateOfBirth: '2008-06-30',
        sex: 'female',
        hoursAgo: 1,
        exploitation: ['sexual'],
        region: 'Ganja',
      },
    ].slice(0, referrals);
    for (const p of people) {
      const body = {
        kind: 'presumed_victim',
        identifiedAt: new Date(now - p.hoursAgo * 3_600_000).toISOString(),
        person: {
          givenName: p.givenName,
          familyName: p.familyName,
          dateOfBirth: p.dateOfBirth,
          sex: p.sex,
          citizenship: 'AZ',
          languages: ['az'],
        },
        exploitation: p.exploitation,
        region: p.region,
        urgentNeeds: ['shelter'],
      };
      created.push(
        ok(
          await call('referral', 'POST', '/v1/referrals', agency, body, { 'idempotency-key': randomUUID() }),
          'referral',
        ),
      );
    }
  }
  // The cohort: reported by another commission body (so the agency's own list stays as above), handed
  // over to the duty officer within the 24 hours and identified as victims.
  const cohortAgency = { role: 'agency_officer', org: 'MNS', sub: 'agency-mns' };
  const duty = { role: 'police_duty_officer', org: 'MIA-SPU', sub: 'duty' };
  const cohort = [];
  if (
    ((await call('referral', 'GET', '/v1/referrals?limit=1', cohortAgency)).body?.items ?? []).length === 0
  ) {
    const given = [
      'Günel',
      'Nigar',
      'Sevinc',
      'Aynur',
      'Zeynab',
      'Farida',
      'Ülviyyə',
      'Könül',
      'Səbinə',
      'Lalə',
      'Nərmin',
      'Vüsalə',
    ];
    for (const [i, givenName] of given.slice(0, cohortSize).entries()) {
      const body = {
        kind: 'presumed_victim',
        // Identified minutes ago: their deadlines come after the waiting referrals' in the duty queue.
        identifiedAt: new Date(now - (10 + i) * 60_000).toISOString(),
        person: {
          givenName,
          familyName: 'Demo',
          dateOfBirth: `${1995 + (i % 5)}-0${1 + (i % 9)}-15`,
          sex: 'female',
          citizenship: 'AZ',
          languages: ['az'],
        },
        exploitation: [i % 3 === 0 ? 'sexual' : 'labour'],
        region: i % 2 === 0 ? 'Baku' : 'Ganja',
        urgentNeeds: [],
      };
      const r = ok(
        await call('referral', 'POST', '/v1/referrals', cohortAgency, body, {
          'idempotency-key': randomUUID(),
        }),
        'cohort referral',
      );
      ok(
        await call('referral', 'POST', `/v1/referrals/${r.id}/handover`, cohortAgency, {
          toOrg: 'MIA-SPU',
          toOfficerId: 'duty',
        }),
        'handover',
      );
      ok(
        await call('referral', 'POST', `/v1/referrals/${r.id}/handover/accept`, duty, {}),
        'handover accepted',
      );
      ok(
        await call('referral', 'POST', `/v1/referrals/${r.id}/decision`, duty, {
          outcome: 'identified_victim',
        }),
        'decision',
      );
      cohort.push(r);
    }
  }
  log(
    `demo data: roster (duty on duty), ${facilities.length} facilities, the Fund topped up, 2 recipients, ${created.length} new referrals, ${cohort.length} identified victims handed over`,
  );
  return { referrals: created, cohort };
}
