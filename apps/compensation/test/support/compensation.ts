import { randomBytes, randomUUID } from 'node:crypto';
import { composeIBAN } from 'ibantools';
import { mintToken, startTestService, type TestService } from '#shared/testing';
import type { Role } from '#shared';
import { AppModule } from '../../src/app.module.js';
import { CompensationConfig } from '../../src/config/compensation.config.js';

/** Variables the compensation service needs beyond the shared ones (test values only). */
export const COMPENSATION_TEST_ENV = {
  PAYMENT_DATA_KEYS: `old:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`,
  PAYMENT_DATA_ACTIVE_KEY_ID: 'k1',
  FUND_DEBTOR_IBAN: 'AZ21NABZ00000000137010001944',
  FUND_DEBTOR_NAME: 'Assistance Fund',
  FUND_DEBTOR_BIC: 'NABZAZ2X',
  // Each test file has its own key ring (above); the re-encryption job is tested on its own.
  PAYMENT_DATA_REKEY_INTERVAL_MS: '0',
};

export function startCompensation(
  env: Record<string, string> = {},
): Promise<TestService<CompensationConfig>> {
  return startTestService({
    service: 'compensation',
    configClass: CompensationConfig,
    module: AppModule.register,
    env: { ...COMPENSATION_TEST_ENV, ...env },
  });
}

/** A fresh valid Azerbaijani IBAN (bank code NABZ, random account). */
export function newIban(): string {
  const account = Array.from({ length: 20 }, () => Math.floor(Math.random() * 10)).join('');
  return composeIBAN({ countryCode: 'AZ', bban: `NABZ${account}` })!;
}

export const newVictimRef = () => `v_${randomBytes(8).toString('hex')}`;
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * A parsed JSON body. Tests read arbitrary nested fields of responses and assert on them with
 * expect(), so the body is deliberately loosely typed here (and only here).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

export interface ApiResponse<T = JsonBody> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A caller of the service with one identity. */
export class Caller {
  private token?: string;
  constructor(
    private readonly url: string,
    readonly role: Role,
    readonly sub: string,
    readonly org: string,
  ) {}

  async request<T = JsonBody>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    this.token ??= await mintToken({ role: this.role, org: this.org, sub: this.sub });
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = JsonBody>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = JsonBody>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
}

/** The people of a test: two officers (makers), two approvers (checkers), a coordinator, an admin. */
export function people(url: string) {
  const tag = randomBytes(3).toString('hex');
  return {
    officer: new Caller(url, 'fund_officer', `officer-a-${tag}`, 'FUND'),
    officer2: new Caller(url, 'fund_officer', `officer-b-${tag}`, 'FUND'),
    approver: new Caller(url, 'fund_approver', `approver-a-${tag}`, 'FUND'),
    approver2: new Caller(url, 'fund_approver', `approver-b-${tag}`, 'FUND'),
    coordinator: new Caller(url, 'coordinator', `coordinator-${tag}`, 'NC'),
    admin: new Caller(url, 'admin', `admin-${tag}`, 'ADMIN'),
    agency: new Caller(url, 'agency_officer', `agency-${tag}`, 'MIA'),
  };
}
export type People = ReturnType<typeof people>;

/** Opens a claim with a confirmed decision ordering the Fund to pay `awardedMinor`, and tops up the Fund by as much. */
export async function claimReadyForPayout(
  p: People,
  awardedMinor: number,
  opts: { topUp?: boolean } = {},
): Promise<string> {
  const claim = await p.officer.post('/v1/claims', {
    victimRef: newVictimRef(),
    caseNumber: unique('CASE'),
    claimedMaterialMinor: awardedMinor,
    claimedMoralMinor: 0,
  });
  if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${claim.text}`);
  const id = claim.body.id as string;
  const d = await p.officer.post(`/v1/claims/${id}/court-decisions`, {
    court: 'Baku Grave Crimes Court',
    decisionNumber: unique('D'),
    decidedAt: '2026-10-01',
    awardedMinor,
    fundPaymentOrdered: true,
  });
  if (d.status !== 201) throw new Error(`decision: ${d.status} ${d.text}`);
  const decisionId = (d.body.courtDecisions as { id: string }[]).at(-1)!.id;
  const c = await p.approver.post(`/v1/claims/${id}/court-decisions/${decisionId}/confirm`);
  if (c.status !== 200) throw new Error(`confirm: ${c.status} ${c.text}`);
  if (opts.topUp !== false) await topUp(p, awardedMinor);
  return id;
}

export async function topUp(p: People, amountMinor: number, source = 'state_budget'): Promise<void> {
  const r = await p.officer.post('/v1/fund/inflows', { source, amountMinor, reference: unique('IN') });
  if (r.status !== 201) throw new Error(`inflow: ${r.status} ${r.text}`);
}

/** Creates a payout as `p.officer` with a fresh idempotency key. */
export async function createPayout(
  p: People,
  claimId: string,
  amountMinor: number,
  method: 'bank_transfer' | 'cash' = 'bank_transfer',
  key = randomUUID(),
) {
  const body =
    method === 'cash'
      ? { claimId, amountMinor, method, methodChosenBy: 'victim', beneficiaryName: 'Aysel Mammadova' }
      : {
          claimId,
          amountMinor,
          method,
          methodChosenBy: 'victim',
          beneficiaryName: 'Aysel Mammadova',
          iban: newIban(),
        };
  return p.officer.post('/v1/payouts', body, { 'idempotency-key': key });
}

/** Credit transfers of a claim in every pain.001 file of its batches: what the bank was told to pay. */
export async function creditTransfers(
  db: { query(sql: string, params: unknown[]): Promise<{ rows: { batch_id: string }[] }> },
  reader: Caller,
  claimId: string,
): Promise<number> {
  const batches = await db.query(
    `SELECT DISTINCT batch_id FROM compensation.payouts WHERE claim_id = $1 AND batch_id IS NOT NULL`,
    [claimId],
  );
  let n = 0;
  for (const { batch_id } of batches.rows)
    n += ((await reader.get(`/v1/payout-batches/${batch_id}/pain001`)).text.match(/<CdtTrfTxInf>/g) ?? [])
      .length;
  return n;
}
