import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { EventTap, testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import {
  claimReadyForPayout,
  createPayout,
  newIban,
  people,
  startCompensation,
  unique,
  type People,
} from '../support/compensation.js';
import { validatePain001 } from '../support/xsd.js';

describe('bank payouts (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  let p: People;
  let tap: EventTap;
  let db: pg.Client;
  beforeAll(async () => {
    svc = await startCompensation();
    p = people(svc.url);
    tap = await EventTap.open(testEnv().amqpUrl, 'compensation.#');
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await tap?.close();
    await db?.end();
    await svc?.close();
  });

  it('R-3.10 pays by bank transfer: create, approve, batch, pain.001, settle, with events and ledger', async () => {
    const claimId = await claimReadyForPayout(p, 250_000);
    const iban = newIban();
    const name = `Aysel Məmmədova ${unique('n')}`;
    const created = await p.officer.post(
      '/v1/payouts',
      {
        claimId,
        amountMinor: 250_000,
        method: 'bank_transfer',
        methodChosenBy: 'victim',
        beneficiaryName: name,
        iban,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'pending_approval',
      method: 'bank_transfer',
      amountMinor: 250_000,
      currency: 'AZN',
      ibanMasked: `${iban.slice(0, 4)}…${iban.slice(-4)}`,
    });
    expect(created.text).not.toContain(name);
    expect(created.text).not.toContain(iban);
    const id = created.body.id as string;

    const approved = await p.approver.post(`/v1/payouts/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: p.approver.sub });

    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: [id] });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ payoutCount: 1, controlSumMinor: 250_000, payoutIds: [id] });
    expect((await p.officer.get(`/v1/payouts/${id}`)).body).toMatchObject({
      status: 'sent',
      batchId: batch.body.id,
    });

    const file = await p.approver.get(`/v1/payout-batches/${batch.body.id}/pain001`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/xml');
    expect(file.text).toContain(`<IBAN>${iban}</IBAN>`);
    expect(file.text).toContain(name);
    expect(file.text).toContain('<InstdAmt Ccy="AZN">2500.00</InstdAmt>');
    // nothing in the file tells the bank why the beneficiary is paid.
    expect(file.text).not.toMatch(/traffick|victim|compensation/i);
    expect(await validatePain001(file.text)).toEqual({ valid: true, errors: [] });
    const downloads = await p.approver2.get(`/v1/payment-data-access/${batch.body.id}`);
    expect(downloads.body).toEqual([
      expect.objectContaining({
        kind: 'payout_batch',
        by: p.approver.sub,
        role: 'fund_approver',
        org: 'FUND',
      }),
    ]);
    expect((await p.officer.get(`/v1/payment-data-access/${batch.body.id}`)).status).toBe(403);

    const settled = await p.officer.post(`/v1/payouts/${id}/settle`, { bankReference: 'BANK-REF-1' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'settled', bankReference: 'BANK-REF-1' });
    expect(settled.body.history.map((h: { to: string; by: string }) => [h.to, h.by])).toEqual([
      ['pending_approval', p.officer.sub],
      ['approved', p.approver.sub],
      ['sent', p.officer.sub],
      ['settled', p.officer.sub],
    ]);
    const claim = await p.officer.get(`/v1/claims/${claimId}`);
    expect(claim.body).toMatchObject({
      paidByFundMinor: 250_000,
      outstandingMinor: 0,
      pendingByFundMinor: 0,
    });

    const entries = await db.query(
      `SELECT kind FROM compensation.journal_entries WHERE payout_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(entries.rows.map((r) => r.kind)).toEqual(['reservation', 'payout']);

    for (const type of [
      'compensation.payout.requested',
      'compensation.payout.approved',
      'compensation.payout.settled',
    ]) {
      const ev = await tap.waitFor<Record<string, unknown>>(type, (d) => d.payoutId === id);
      expect(ev.data).toMatchObject({
        payoutId: id,
        claimId,
        amountMinor: 250_000,
        currency: 'AZN',
        method: 'bank_transfer',
      });
      // no beneficiary name, no IBAN on the bus.
      expect(JSON.stringify(ev)).not.toContain(iban);
      expect(JSON.stringify(ev)).not.toContain('Aysel');
    }
    const settledEvent = await tap.waitFor<Record<string, unknown>>(
      'compensation.payout.settled',
      (d) => d.payoutId === id,
    );
    expect(settledEvent.data.outcome).toBe('settled');
  });

  it('R-3.10 stores the beneficiary name and IBAN only encrypted and logs no personal data', async () => {
    const claimId = await claimReadyForPayout(p, 1_000);
    const iban = newIban();
    const name = `Nigar ${unique('secret')}`;
    const created = await p.officer.post(
      '/v1/payouts',
      {
        claimId,
        amountMinor: 1_000,
        method: 'bank_transfer',
        methodChosenBy: 'victim',
        beneficiaryName: name,
        iban,
      },
      { 'idempotency-key': randomUUID() },
    );
    const { rows } = await db.query(
      `SELECT row_to_json(p)::text AS row FROM compensation.payouts p WHERE id = $1`,
      [created.body.id],
    );
    expect(rows[0].row).not.toContain(iban);
    expect(rows[0].row).not.toContain(name);
    const outbox = await db.query(
      `SELECT envelope::text AS e FROM compensation.outbox WHERE aggregate_id = $1`,
      [created.body.id],
    );
    expect(outbox.rows.length).toBeGreaterThan(0);
    for (const r of outbox.rows) expect(r.e).not.toContain(iban);
    expect(svc.logs.join('\n')).not.toContain(iban);
    expect(svc.logs.join('\n')).not.toContain(name);
    const details = await p.approver.get(`/v1/payouts/${created.body.id}/payment-details`);
    expect(details.body).toEqual({ payoutId: created.body.id, beneficiaryName: name, iban });
    expect((await p.coordinator.get(`/v1/payouts/${created.body.id}/payment-details`)).status).toBe(403);
  });

  it('R-3.10 validates the IBAN (country format, checksum) without echoing it', async () => {
    const claimId = await claimReadyForPayout(p, 1_000);
    const bad = 'AZ22NABZ00000000137010001944';
    for (const iban of [bad, 'DE88370400440532013000', undefined]) {
      const res = await p.officer.post(
        '/v1/payouts',
        {
          claimId,
          amountMinor: 1_000,
          method: 'bank_transfer',
          methodChosenBy: 'victim',
          beneficiaryName: 'X',
          ...(iban ? { iban } : {}),
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'iban' })]);
      expect(res.text).not.toContain(bad);
    }
    const spaced = await p.officer.post(
      '/v1/payouts',
      {
        claimId,
        amountMinor: 1_000,
        method: 'bank_transfer',
        methodChosenBy: 'victim',
        beneficiaryName: 'X',
        iban: 'az21 nabz 0000 0000 1370 1000 1944',
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(spaced.status).toBe(201);
    expect(spaced.body.ibanMasked).toBe('AZ21…1944');
    const cashWithIban = await p.officer.post(
      '/v1/payouts',
      {
        claimId,
        amountMinor: 1,
        method: 'cash',
        methodChosenBy: 'victim',
        beneficiaryName: 'X',
        iban: newIban(),
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(cashWithIban.status).toBe(400);
    const wrongMethod = await p.officer.post(
      '/v1/payouts',
      { claimId, amountMinor: 1, method: 'cheque', methodChosenBy: 'victim', beneficiaryName: 'X' },
      { 'idempotency-key': randomUUID() },
    );
    expect(wrongMethod.status).toBe(400);
  });

  it('R-3.10 pays a foreign IBAN with its bank BIC: the pain.001 carries CdtrAgt, SHAR and the country and still validates', async () => {
    const claimId = await claimReadyForPayout(p, 3_000);
    const body = {
      claimId,
      amountMinor: 1_000,
      method: 'bank_transfer',
      methodChosenBy: 'victim',
      beneficiaryName: 'Olena Kovalenko',
    };
    const noBic = await p.officer.post(
      '/v1/payouts',
      { ...body, iban: 'DE89 3704 0044 0532 0130 00' },
      { 'idempotency-key': randomUUID() },
    );
    expect(noBic.status).toBe(400);
    expect(noBic.body.errors).toEqual([expect.objectContaining({ field: 'bic' })]);
    const badBic = await p.officer.post(
      '/v1/payouts',
      { ...body, iban: 'DE89370400440532013000', bic: 'COBAQQFF' },
      { 'idempotency-key': randomUUID() },
    );
    expect(badBic.body.errors).toEqual([expect.objectContaining({ field: 'bic' })]);
    const cashBic = await p.officer.post(
      '/v1/payouts',
      { ...body, method: 'cash', bic: 'COBADEFFXXX' },
      { 'idempotency-key': randomUUID() },
    );
    expect(cashBic.body.errors).toEqual([expect.objectContaining({ field: 'bic' })]);
    const created = await p.officer.post(
      '/v1/payouts',
      { ...body, iban: 'DE89370400440532013000', bic: 'cobadeff xxx' },
      { 'idempotency-key': randomUUID() },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ibanMasked: 'DE89…3000', bic: 'COBADEFFXXX' });
    const domestic = await p.officer.post(
      '/v1/payouts',
      { ...body, iban: newIban() },
      { 'idempotency-key': randomUUID() },
    );
    expect(domestic.status).toBe(201);
    for (const id of [created.body.id, domestic.body.id]) await p.approver.post(`/v1/payouts/${id}/approve`);
    const batch = await p.officer.post('/v1/payout-batches', {
      payoutIds: [created.body.id, domestic.body.id],
    });
    const file = await p.approver.get(`/v1/payout-batches/${batch.body.id}/pain001`);
    expect(await validatePain001(file.text)).toEqual({ valid: true, errors: [] });
    expect(file.text).toContain('<BICFI>COBADEFFXXX</BICFI>');
    expect(file.text).toContain('<ChrgBr>SHAR</ChrgBr>');
    expect(file.text).toContain('<ChrgBr>DEBT</ChrgBr>');
    expect(file.text).toMatch(/<PstlAdr>\s*<Ctry>DE<\/Ctry>/);
    // The BIC identifies a bank; the IBAN and the name stay encrypted at rest.
    const { rows } = await db.query(
      `SELECT row_to_json(p)::text AS row FROM compensation.payouts p WHERE id = $1`,
      [created.body.id],
    );
    expect(rows[0].row).not.toContain('DE89370400440532013000');
    expect(rows[0].row).not.toContain('Olena');
  });

  it('R-3.10 records that the method was the victim’s choice, who recorded it and when; anything else is refused', async () => {
    const claimId = await claimReadyForPayout(p, 2_000);
    const body = { claimId, amountMinor: 1_000, method: 'cash', beneficiaryName: 'Aysel' };
    const missing = await p.officer.post('/v1/payouts', body, { 'idempotency-key': randomUUID() });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['methodChosenBy']),
    );
    expect(missing.body.errors.every((e: { field: string }) => e.field === 'methodChosenBy')).toBe(true);
    for (const who of ['officer', 'Victim', 'guardian']) {
      const other = await p.officer.post(
        '/v1/payouts',
        { ...body, methodChosenBy: who },
        { 'idempotency-key': randomUUID() },
      );
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
      expect(other.body).toMatchObject({
        type: 'method-not-chosen-by-victim',
        errors: [expect.objectContaining({ field: 'methodChosenBy' })],
      });
    }
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM compensation.payouts WHERE claim_id = $1`, [claimId]))
        .rows[0].n,
    ).toBe(0);
    const before = Date.now();
    const ok = await p.officer.post(
      '/v1/payouts',
      { ...body, methodChosenBy: 'victim' },
      { 'idempotency-key': randomUUID() },
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ methodChosenBy: 'victim', methodRecordedBy: p.officer.sub });
    expect(Date.parse(ok.body.methodRecordedAt)).toBeGreaterThanOrEqual(before - 5_000);
    await expect(
      db.query(`UPDATE compensation.payouts SET method_chosen_by = 'officer' WHERE id = $1`, [ok.body.id]),
    ).rejects.toThrow(/check constraint/);
  });

  it('R-3.10 requires an Idempotency-Key and answers a retry with the same payout', async () => {
    const claimId = await claimReadyForPayout(p, 5_000);
    const body = {
      claimId,
      amountMinor: 5_000,
      method: 'bank_transfer',
      methodChosenBy: 'victim',
      beneficiaryName: 'Leyla',
      iban: newIban(),
    };
    const none = await p.officer.post('/v1/payouts', body);
    expect(none.status).toBe(400);
    expect(none.body.type).toBe('idempotency-key-required');
    const key = randomUUID();
    const first = await p.officer.post('/v1/payouts', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const retries = await Promise.all(
      Array.from({ length: 10 }, () => p.officer.post('/v1/payouts', body, { 'idempotency-key': key })),
    );
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.body.id).toBe(first.body.id);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
    }
    const reused = await p.officer.post(
      '/v1/payouts',
      { ...body, amountMinor: 4_000 },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('idempotency-key-reused');
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM compensation.payouts WHERE claim_id = $1`,
      [claimId],
    );
    expect(rows[0].n).toBe(1);
    const events = await db.query(
      `SELECT count(*)::int AS n FROM compensation.outbox WHERE aggregate_id = $1 AND event_type = 'compensation.payout.requested'`,
      [first.body.id],
    );
    expect(events.rows[0].n).toBe(1);
  });

  it('R-3.10 maker–checker: the maker cannot approve (422), an officer cannot approve at all', async () => {
    const claimId = await claimReadyForPayout(p, 2_000);
    const created = await createPayout(p, claimId, 2_000);
    const { Caller } = await import('../support/compensation.js');
    // The same person holding the approver role is still the maker.
    const makerAsApprover = new Caller(svc.url, 'fund_approver', p.officer.sub, 'FUND');
    const self = await makerAsApprover.post(`/v1/payouts/${created.body.id}/approve`);
    expect(self.status).toBe(422);
    expect(self.body.type).toBe('maker-cannot-approve');
    expect((await p.officer2.post(`/v1/payouts/${created.body.id}/approve`)).status).toBe(403);
    expect((await p.officer.get(`/v1/payouts/${created.body.id}`)).body.status).toBe('pending_approval');
  });

  it('R-3.10 refuses illegal transitions with 409 and records failure and return with a reversal', async () => {
    const claimId = await claimReadyForPayout(p, 6_000);
    const a = await createPayout(p, claimId, 3_000);
    const b = await createPayout(p, claimId, 3_000);
    expect((await p.officer.post(`/v1/payouts/${a.body.id}/settle`, { bankReference: 'X' })).status).toBe(
      409,
    );
    expect(
      (
        await p.officer.post(`/v1/payouts/${a.body.id}/cash-disbursement`, {
          receiptNumber: unique('R'),
          identityDocument: 'passport 1',
        })
      ).status,
    ).toBe(409);
    await p.approver.post(`/v1/payouts/${a.body.id}/approve`);
    await p.approver.post(`/v1/payouts/${b.body.id}/approve`);
    const settleApproved = await p.officer.post(`/v1/payouts/${a.body.id}/settle`, { bankReference: 'X' });
    expect(settleApproved.status).toBe(409);
    expect(settleApproved.body.type).toBe('illegal-transition');
    await p.officer.post('/v1/payout-batches', { payoutIds: [a.body.id, b.body.id] });
    const again = await p.officer.post('/v1/payout-batches', { payoutIds: [a.body.id] });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('payout-not-batchable');

    const requested = await p.officer.post(`/v1/payouts/${a.body.id}/fail`, {
      reason: 'AC04 account closed',
    });
    expect(requested.body).toMatchObject({ status: 'failure_requested' });
    const failed = await p.approver2.post(`/v1/payouts/${a.body.id}/fail/confirm`);
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'AC04 account closed' });
    expect((await p.officer.post(`/v1/payouts/${a.body.id}/settle`, { bankReference: 'late' })).status).toBe(
      409,
    );
    await p.officer.post(`/v1/payouts/${b.body.id}/settle`, { bankReference: 'B1' });
    expect(
      (await p.officer.post(`/v1/payouts/${b.body.id}/return`, { reason: 'AC06 blocked' })).body.status,
    ).toBe('return_requested');
    const returned = await p.approver2.post(`/v1/payouts/${b.body.id}/return/confirm`);
    expect(returned.body.status).toBe('returned');
    const kinds = async (id: string) =>
      (
        await db.query(
          `SELECT kind FROM compensation.journal_entries WHERE payout_id = $1 ORDER BY created_at`,
          [id],
        )
      ).rows.map((r) => r.kind);
    expect(await kinds(a.body.id)).toEqual(['reservation', 'reversal']);
    expect(await kinds(b.body.id)).toEqual(['reservation', 'payout', 'reversal']);
    const claim = await p.officer.get(`/v1/claims/${claimId}`);
    expect(claim.body).toMatchObject({ paidByFundMinor: 0, pendingByFundMinor: 0, fundPayableMinor: 6_000 });
    const ev = await tap.waitFor<Record<string, unknown>>(
      'compensation.payout.failed',
      (d) => d.payoutId === b.body.id,
    );
    expect(ev.data).toMatchObject({ outcome: 'returned', reason: 'AC06 blocked' });
    await tap.waitFor<Record<string, unknown>>(
      'compensation.payout.failed',
      (d) => d.payoutId === a.body.id && d.outcome === 'failed',
    );
  });

  it('lets only fund staff touch payouts and batch files', async () => {
    const claimId = await claimReadyForPayout(p, 1_000);
    const created = await createPayout(p, claimId, 1_000);
    await p.approver.post(`/v1/payouts/${created.body.id}/approve`);
    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: [created.body.id] });
    for (const who of [p.coordinator, p.admin, p.agency]) {
      expect((await who.get(`/v1/payout-batches/${batch.body.id}/pain001`)).status).toBe(403);
      expect((await who.get(`/v1/payouts/${created.body.id}`)).status).toBe(403);
    }
    expect((await p.approver.post('/v1/payouts', {}, { 'idempotency-key': 'k' })).status).toBe(403);
    expect((await p.officer.get(`/v1/payout-batches/${randomUUID()}/pain001`)).status).toBe(404);
  });

  it('R-3.10 imports the bank status of a batch per payout, idempotently', async () => {
    const claimId = await claimReadyForPayout(p, 9_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await createPayout(p, claimId, 3_000);
      await p.approver.post(`/v1/payouts/${c.body.id}/approve`);
      ids.push(c.body.id);
    }
    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: ids });
    const report = {
      results: [
        { payoutId: ids[0], outcome: 'settled', bankReference: 'STMT-1' },
        { payoutId: ids[1], outcome: 'failed', reason: 'AC01' },
        { payoutId: ids[2], outcome: 'returned', reason: 'AC04' },
      ],
    };
    const first = await p.officer.post(`/v1/payout-batches/${batch.body.id}/status`, report);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      { payoutId: ids[0], result: 'applied', status: 'settled' },
      // One person's word: recorded as a request for a second person to confirm.
      { payoutId: ids[1], result: 'requested', status: 'failure_requested' },
      { payoutId: ids[2], result: 'refused', status: 'sent', error: 'illegal-transition' },
    ]);
    const again = await p.officer.post(`/v1/payout-batches/${batch.body.id}/status`, {
      results: report.results.slice(0, 2),
    });
    expect(again.body.results.map((r: { result: string }) => r.result)).toEqual(['replayed', 'replayed']);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'payout'`,
      [ids[0]],
    );
    expect(rows[0].n).toBe(1);
    const stranger = await p.officer.post(`/v1/payout-batches/${batch.body.id}/status`, {
      results: [{ payoutId: randomUUID(), outcome: 'failed', reason: 'X' }],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'results[0].payoutId' })]);
    const noRef = await p.officer.post(`/v1/payout-batches/${batch.body.id}/status`, {
      results: [{ payoutId: ids[2], outcome: 'settled' }],
    });
    expect(noRef.status).toBe(400);
    const listed = await p.approver.get(`/v1/payouts?claimId=${claimId}`);
    expect(listed.body.map((x: { status: string }) => x.status).sort()).toEqual([
      'failure_requested',
      'sent',
      'settled',
    ]);
  });

  it("R-3.10 imports the bank's pain.002 status report: ACSC settles, RJCT fails, others stay pending", async () => {
    const claimId = await claimReadyForPayout(p, 3_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await createPayout(p, claimId, 1_000);
      await p.approver.post(`/v1/payouts/${c.body.id}/approve`);
      ids.push(c.body.id);
    }
    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: ids });
    const e2e = (id: string) => id.replace(/-/g, '');
    const pain002 = (orgnlMsgId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>
  <GrpHdr><MsgId>NABZ-STS-${unique('m')}</MsgId><CreDtTm>2026-11-26T09:00:00Z</CreDtTm></GrpHdr>
  <OrgnlGrpInfAndSts><OrgnlMsgId>${orgnlMsgId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndSts>
  <OrgnlPmtInfAndSts><OrgnlPmtInfId>${orgnlMsgId}</OrgnlPmtInfId>
    <TxInfAndSts><OrgnlEndToEndId>${e2e(ids[0])}</OrgnlEndToEndId><TxSts>ACSC</TxSts><AcctSvcrRef>NABZ-77</AcctSvcrRef></TxInfAndSts>
    <TxInfAndSts><OrgnlEndToEndId>${e2e(ids[1])}</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts>
    <TxInfAndSts><OrgnlEndToEndId>${e2e(ids[2])}</OrgnlEndToEndId><TxSts>ACSP</TxSts></TxInfAndSts>
  </OrgnlPmtInfAndSts>
</CstmrPmtStsRpt></Document>`;
    const res = await p.officer.post(`/v1/payout-batches/${batch.body.id}/pain002`, {
      document: pain002(batch.body.messageId),
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { payoutId: ids[0], result: 'applied', status: 'settled' },
      { payoutId: ids[1], result: 'applied', status: 'failed' },
      { payoutId: ids[2], result: 'pending', status: 'sent' },
    ]);
    expect((await p.officer.get(`/v1/payouts/${ids[0]}`)).body.bankReference).toBe('NABZ-77');
    expect((await p.officer.get(`/v1/payouts/${ids[1]}`)).body.failureReason).toBe('AC04');
    const again = await p.officer.post(`/v1/payout-batches/${batch.body.id}/pain002`, {
      document: pain002(batch.body.messageId),
    });
    expect(again.body.results.map((r: { result: string }) => r.result)).toEqual([
      'replayed',
      'replayed',
      'pending',
    ]);
    const other = await p.officer.post(`/v1/payout-batches/${batch.body.id}/pain002`, {
      document: pain002('SOMEOTHERBATCH'),
    });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'document' })]);
    const dtd = await p.officer.post(`/v1/payout-batches/${batch.body.id}/pain002`, {
      document: '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
    });
    expect(dtd.status).toBe(400);
  });
});
