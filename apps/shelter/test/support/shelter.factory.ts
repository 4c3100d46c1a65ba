import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import {
  EVENTS_EXCHANGE,
  ServiceRequested,
  VictimConsentChanged,
  VictimSafetyChanged,
  ageBandOf,
  buildEnvelope,
  type ConsentPurpose,
  type ServiceRequestedV1,
  type Sex,
} from '#shared';
import { eventually, mintToken, startTestService, testEnv, type TestService } from '#shared/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { ShelterConfig } from '../../src/config/shelter.config.js';

/** Boots the shelter service against the run's database and vhost (short sweep interval for tests). */
export function startShelter(env: Record<string, string> = {}): Promise<TestService<ShelterConfig>> {
  return startTestService({
    service: 'shelter',
    configClass: ShelterConfig,
    module: AppModule.register,
    env: { OFFER_SWEEP_INTERVAL_MS: '200', ...env },
  });
}

/**
 * Facilities and the waiting list are shared by every test file of a run (they run in parallel on
 * one database), and a victim may be placed in any region. So each scenario owns one or more ages:
 * its facilities accept only those ages, and its victims have them, so they can never take another
 * scenario's beds. Keep these disjoint.
 */
export const SCENARIO_AGES = {
  concurrency: 40,
  e2e: 41,
  declineNext: 42,
  expiry: 43,
  duplicate: 44,
  ignoredService: 45,
  waitlistReason: 46,
  sexFit: 47,
  accessibility: 48,
  staffOnly: 49,
  children: { child: 15, adult: 19 }, // facility ranges 15..19 (R-6.6 children first)
  childOnly: 12, // a child goes only where children are accepted
  regions: 50,
  capacity: 51,
  oneBed: 52,
  expiryTwoInstances: 53,
  consent: 54,
  lateRequest: 55,
  safety: 56,
  lateWithdrawal: 57,
} as const;

/** An age no scenario's victims have. */
export const UNUSED_AGE = 125;

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
export const victimRef = () => `V-${randomBytes(8).toString('hex')}`;

export async function adminToken(): Promise<string> {
  return mintToken({ role: 'admin', org: 'MLSPP' });
}

export async function staffToken(facilityCode: string): Promise<string> {
  return mintToken({ role: 'facility_staff', org: facilityCode, sub: `staff-${facilityCode}` });
}

export interface FacilityInput {
  code?: string;
  name?: string;
  kind?: 'shelter' | 'assistance_centre';
  region?: string;
  operator?: 'state' | 'ngo';
  capacity?: number;
  accepts?: { sexes?: Sex[]; children?: boolean; minAge?: number; maxAge?: number };
  languages?: string[];
  accessible?: boolean;
  fundingSources?: string[];
}

/** A valid facility body with overrides. */
export function facilityBody(input: FacilityInput = {}) {
  return {
    code: input.code ?? unique('SH'),
    name: input.name ?? 'Test shelter',
    kind: input.kind ?? 'shelter',
    region: input.region ?? unique('region'),
    operator: input.operator ?? 'state',
    capacity: input.capacity ?? 2,
    // By default a facility accepts an age no scenario uses, so it can never take another test's victims.
    accepts: {
      sexes: ['female', 'male'],
      children: false,
      minAge: UNUSED_AGE,
      maxAge: UNUSED_AGE,
      ...input.accepts,
    },
    languages: input.languages ?? ['az'],
    ...(input.accessible !== undefined ? { accessible: input.accessible } : {}),
    ...(input.fundingSources ? { fundingSources: input.fundingSources } : {}),
  };
}

export interface CreatedFacility {
  id: string;
  code: string;
  region: string;
}

export async function createFacility(
  svc: TestService<ShelterConfig>,
  input: FacilityInput = {},
): Promise<CreatedFacility> {
  const res = await api(svc, 'POST', '/v1/facilities', await adminToken(), facilityBody(input));
  if (res.status !== 201) throw new Error(`facility not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CreatedFacility;
}

/** A `service.requested` payload with overrides. */
export function shelterRequest(
  overrides: Partial<Omit<ServiceRequestedV1, 'profile'>> & {
    profile?: Partial<ServiceRequestedV1['profile']>;
  } = {},
): ServiceRequestedV1 {
  const age = overrides.profile?.age ?? 30;
  return {
    requestId: randomUUID(),
    victimRef: victimRef(),
    caseNumber: `NRM-2026-${randomBytes(3).toString('hex')}`,
    service: 'shelter',
    region: 'Baku',
    referringOrg: 'MIA',
    requestedAt: new Date().toISOString(),
    ...overrides,
    profile: {
      sex: 'female',
      ageBand: ageBandOf(age),
      child: age < 18,
      languages: ['az'],
      needs: [],
      ...overrides.profile,
      age,
    },
  };
}

/**
 * Publishes events with the referral service's own broker credential (the shelter service's may
 * publish only shelter events), confirmed by the broker.
 */
async function publishAsReferral(
  messages: { routingKey: string; messageId: string; body: Buffer }[],
): Promise<void> {
  const conn = await connect(testEnv().serviceAmqpUrl('referral'));
  try {
    const channel = await conn.createConfirmChannel();
    for (const m of messages)
      channel.publish(EVENTS_EXCHANGE, m.routingKey, m.body, {
        persistent: true,
        contentType: 'application/json',
        messageId: m.messageId,
      });
    await channel.waitForConfirms();
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** Publishes `service.requested` events to `nrm.events` as the referral service would (proper envelopes, confirmed). */
export async function publishRequests(
  svc: TestService<ShelterConfig>,
  requests: ServiceRequestedV1[],
  opts: { eventId?: string } = {},
): Promise<string[]> {
  const envelopes = requests.map((data) => {
    const env = buildEnvelope('referral', ServiceRequested, data, { aggregateId: data.requestId });
    return opts.eventId ? { ...env, id: opts.eventId } : env;
  });
  await publishAsReferral(
    envelopes.map((e) => ({ routingKey: e.type, messageId: e.id, body: Buffer.from(JSON.stringify(e)) })),
  );
  return envelopes.map((e) => e.id);
}

/** Publishes the victim's withdrawal (or grant) of consent to a purpose, as the referral service would. */
export async function publishConsent(
  svc: TestService<ShelterConfig>,
  victimRef: string,
  granted: boolean,
  purpose: ConsentPurpose = 'shelter_placement',
): Promise<string> {
  const env = buildEnvelope(
    'referral',
    VictimConsentChanged,
    { victimRef, purpose, granted, recordedAt: new Date().toISOString() },
    { aggregateId: victimRef },
  );
  await publishAsReferral([
    { routingKey: env.type, messageId: env.id, body: Buffer.from(JSON.stringify(env)) },
  ]);
  return env.id;
}

/**
 * A new victimRef whose consent to rehabilitation the shelter service has received (R-6.1: plans and
 * training only at the victim's request), as the referral service would publish it.
 */
export async function consentedVictimRef(svc: TestService<ShelterConfig>): Promise<string> {
  const ref = victimRef();
  await publishConsent(svc, ref, true, 'rehabilitation');
  await eventually(async () => {
    const rows: unknown[] = await svc.app
      .get(DataSource)
      .query(
        `SELECT 1 FROM "shelter".victim_consents WHERE victim_ref = $1 AND purpose = 'rehabilitation' AND granted`,
        [ref],
      );
    expect(rows).toHaveLength(1);
  });
  return ref;
}

/** Publishes the referral service's safety assessment of a victim (risk level and restriction only, R-5). */
export async function publishSafety(
  svc: TestService<ShelterConfig>,
  victimRef: string,
  riskLevel: 'low' | 'medium' | 'high',
): Promise<void> {
  const env = buildEnvelope(
    'referral',
    VictimSafetyChanged,
    { victimRef, riskLevel, restrictDisclosure: riskLevel === 'high', assessedAt: new Date().toISOString() },
    { aggregateId: victimRef },
  );
  await publishAsReferral([
    { routingKey: env.type, messageId: env.id, body: Buffer.from(JSON.stringify(env)) },
  ]);
  await eventually(async () => {
    const rows: unknown[] = await svc.app
      .get(DataSource)
      .query(`SELECT 1 FROM "shelter".victim_safety WHERE victim_ref = $1 AND risk_level = $2`, [
        victimRef,
        riskLevel,
      ]);
    expect(rows).toHaveLength(1);
  });
}

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
  body: any;
  headers: Headers;
}

/** Calls the service's HTTP API. */
export async function api(
  svc: TestService<ShelterConfig>,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<ApiResponse> {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
