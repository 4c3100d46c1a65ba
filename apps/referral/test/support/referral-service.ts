import { randomBytes, randomUUID } from 'node:crypto';
import { mintToken, startTestService, type TestService } from '#shared/testing';
import type { Role } from '#shared';
import { AppModule } from '../../src/app.module.js';
import { ReferralConfig } from '../../src/config/referral.config.js';

/** Random keys of this test process (a fresh key ring per test file). */
export const TEST_KEYS = {
  PII_KEYS: `k1:${randomBytes(32).toString('base64')},k2:${randomBytes(32).toString('base64')}`,
  PII_ACTIVE_KEY_ID: 'k2',
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};

/**
 * The blind index key must be the same for every instance sharing a database (duplicates are found by
 * equal index values), so tests that look for duplicates across files use this fixed test key.
 */
export const SHARED_BLIND_INDEX_KEY = Buffer.alloc(32, 7).toString('base64');

/** The duty officer every test file puts on the roster (the roster is shared by parallel test files). */
export const DUTY_OFFICER = 'spu-duty-officer-1';

export type ReferralService = TestService<ReferralConfig>;

/** A JSON response body, read loosely by tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A response as tests see it. */
export interface Res {
  status: number;
  body: Json;
  headers: Headers;
}

export function startReferral(env: Record<string, string> = {}): Promise<ReferralService> {
  return startTestService({
    service: 'referral',
    configClass: ReferralConfig,
    module: AppModule.register,
    env: { ...TEST_KEYS, BLIND_INDEX_KEY: SHARED_BLIND_INDEX_KEY, DEADLINE_SCAN_MS: '200', ...env },
  });
}

/** `Authorization` headers for a role. */
export async function auth(role: Role, org: string, sub?: string): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await mintToken({ role, org, sub })}`,
    'content-type': 'application/json',
  };
}

export const tokens = {
  agency: (org = 'MOH', sub?: string) => auth('agency_officer', org, sub),
  duty: (sub = DUTY_OFFICER) => auth('police_duty_officer', 'MIA-SPU', sub),
  admin: () => auth('admin', 'NC', 'admin-1'),
  coordinator: () => auth('coordinator', 'NC', 'coordinator-1'),
};

/** A unique name, so parallel test files never match each other's people. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/** A valid intake body; every person is unique unless overridden. */
export function referralBody(
  overrides: Record<string, unknown> = {},
  person: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind: 'presumed_victim',
    identifiedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    person: {
      givenName: uniqueName('Aysel'),
      familyName: uniqueName('Mammadova'),
      dateOfBirth: '2009-03-17',
      sex: 'female',
      citizenship: 'AZ',
      languages: ['az', 'ru'],
      contact: '+994 50 123 45 67',
      ...person,
    },
    exploitation: ['labour'],
    circumstances: 'Found working without pay at a construction site; passport withheld by employer',
    region: 'Baku',
    urgentNeeds: ['shelter', 'medical'],
    documents: [{ kind: 'passport', reference: 'C01234567' }],
    ...overrides,
  };
}

export async function post(
  svc: ReferralService,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Res> {
  const res = await fetch(`${svc.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json, headers: res.headers };
}

export async function put(
  svc: ReferralService,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Res> {
  const res = await fetch(`${svc.url}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json, headers: res.headers };
}

export async function get(svc: ReferralService, path: string, headers: Record<string, string>): Promise<Res> {
  const res = await fetch(`${svc.url}${path}`, { headers });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json, headers: res.headers };
}

/** Reports a referral as an agency officer and returns the 201 body. */
export async function report(
  svc: ReferralService,
  org = 'MOH',
  overrides: Record<string, unknown> = {},
  person: Record<string, unknown> = {},
): Promise<Json> {
  const res = await post(svc, '/v1/referrals', await tokens.agency(org), referralBody(overrides, person));
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Puts {@link DUTY_OFFICER} on duty from 12 h ago to 12 h ahead. Every test file does the same, so
 * parallel files agree on who is on duty whatever order they run in.
 */
export async function putDutyOfficerOnDuty(svc: ReferralService): Promise<void> {
  const now = Date.now();
  const res = await put(svc, '/v1/duty-roster', await tokens.admin(), {
    shifts: [
      {
        officerId: DUTY_OFFICER,
        startsAt: new Date(now - 12 * 3_600_000).toISOString(),
        endsAt: new Date(now + 12 * 3_600_000).toISOString(),
      },
    ],
  });
  if (res.status !== 200) throw new Error(`roster failed: ${res.status} ${JSON.stringify(res.body)}`);
}
