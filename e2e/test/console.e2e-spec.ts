import pg from 'pg';
import { eventually, mintToken } from '#shared/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  SCREENSHOTS,
  bootConsoleStack,
  launchChromium,
  screenshot,
  signIn,
  validatePain001,
  type ConsoleStack,
} from '../src/console.js';

/**
 * The web console in a real browser (Debian's Chromium): sign-in through the development OpenID
 * provider's form as each role in turn, against the services running as processes.
 */
describe('web console in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      bootConsoleStack({ shortSessionSeconds: 5, secondInstance: true }),
      launchChromium(),
    ]);
  }, 420_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  /** A fresh browser (own cookies) signed in as `username`. */
  async function as(username: string, opts: { url?: string; phone?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(context);
    // Every action waits on a real condition, generously: two cores shared with other runs.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await signIn(page, opts.url ?? stack.consoleUrl, username);
    await page
      .getByTestId('whoami')
      .or(page.getByRole('button', { name: 'Profile' }))
      .first()
      .waitFor();
    return page;
  }
  const menu = (page: Page, name: string) => page.getByRole('menuitem', { name }).click();
  /** The case the journey's duty officer identified (the Fund's part goes on with it). */
  let identified: { caseNumber: string; victimRef: string } | undefined;
  /** Waits long, for a loaded machine, on a real condition. */
  const LONG = { timeout: 60_000 };
  /** Picks `option` in the select labelled `label` (opened again if a slow render swallowed the click). */
  const choose = async (page: Page, scope: Page | Locator, label: string, option: string | RegExp) =>
    eventually(
      async () => {
        await scope.getByRole('combobox', { name: label }).click();
        try {
          await page.getByRole('option', { name: option }).click({ timeout: 5000 });
          return true;
        } catch {
          await page.keyboard.press('Escape');
          return false;
        }
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

  it('signs in as the duty officer and shows the queue, nearest deadline first, with live countdowns; tokens stay on the server', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(stack.consoleUrl);
    await page.getByRole('link', { name: 'Daxil ol' }).waitFor();
    await screenshot(page, 'sign-in');
    await signIn(page, stack.consoleUrl, 'duty');
    await menu(page, 'Duty queue');
    const order = stack.demo.referrals.map((r) => r.caseNumber);
    await page.getByRole('cell', { name: order[order.length - 1] }).waitFor();
    const cases = await page.locator('tbody tr td:first-child').allTextContents();
    // The demo referrals were identified 20 h, 3 h and 1 h ago: due in 4 h, 21 h and 23 h.
    expect(cases.filter((c) => order.includes(c))).toEqual(order);
    const first = page.getByTestId('countdown').first();
    await expect(first.getAttribute('data-state')).resolves.toBe('soon');
    const before = await first.textContent();
    await eventually(async () => (await first.textContent()) !== before);
    await screenshot(page, 'duty-queue');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'nrm_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const storage = await page.evaluate(() =>
      JSON.stringify((globalThis as unknown as { localStorage?: Record<string, string> }).localStorage ?? {}),
    );
    expect(storage).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('says so when the sign-in fails', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, stack.consoleUrl, 'duty', 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sign-in failed');
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('duty');
    await screenshot(page, 'sign-in-failed');
  });

  it('R-4.2 journey: agency reports → duty officer accepts, reads personal data, sees the read logged → shelter admits', async () => {
    // 1. The agency officer reports; empty required fields are named next to the field first.
    const agency = await as('agency');
    await menu(agency, 'Report');
    await agency.getByRole('button', { name: 'Send report' }).click();
    await expect(agency.locator('#f-person-givenName-helper-text').textContent()).resolves.toBe('Required');
    await expect(agency.locator('#f-region-helper-text').textContent()).resolves.toBe('Required');
    await screenshot(agency, 'agency-report-errors');
    const given = `Nərgiz${Date.now() % 100000}`;
    await agency.getByLabel('Given name').fill(given);
    await agency.getByLabel('Family name').fill('Əliyeva');
    await agency.getByLabel('Date of birth').fill('2000-05-14');
    await agency.getByLabel('Region').fill('Baku');
    await agency.getByRole('checkbox', { name: 'Labour' }).check();
    await agency.getByRole('checkbox', { name: 'Shelter' }).check();
    const before = await countOwnReferrals();
    await agency.getByRole('button', { name: 'Send report' }).dblclick();
    const created = await agency.getByTestId('report-created').textContent();
    const caseNumber = /NRM-\d{4}-\d+/.exec(created ?? '')?.[0];
    expect(caseNumber).toBeDefined();
    // A double submit created one referral (one Idempotency-Key per form).
    await expect(countOwnReferrals()).resolves.toBe(before + 1);
    await screenshot(agency, 'agency-reported');
    await menu(agency, 'My referrals');
    const row = agency.getByRole('row').filter({ hasText: caseNumber! });
    await row.getByRole('button', { name: 'Hand over to the duty officer' }).click();
    await row.getByText('Handover requested to duty').waitFor();
    await screenshot(agency, 'agency-referrals');

    // 2. The duty officer sees it with its countdown, accepts, decides, reads personal data.
    const duty = await as('duty');
    await menu(duty, 'Duty queue');
    const queued = duty.getByRole('row').filter({ hasText: caseNumber! });
    await expect(queued.getByTestId('countdown').textContent()).resolves.toMatch(/left/);
    await queued.getByRole('cell', { name: caseNumber! }).click();
    await duty.getByRole('button', { name: 'Accept handover' }).click();
    await duty.getByText('Handed over').first().waitFor();
    await duty.getByRole('button', { name: 'Identified victim' }).click();
    await duty.getByRole('heading', { name: /Identified victim/ }).waitFor();
    const victimRef = (await duty.locator('dt:has-text("Victim reference") + dd').textContent())!;
    expect(victimRef).toMatch(/\w{8,}/);
    await expect(duty.getByTestId('personal-data').count()).resolves.toBe(0);
    await duty.getByRole('button', { name: 'Show personal data' }).click();
    await expect(duty.getByTestId('personal-data').textContent()).resolves.toContain(given);
    await duty.getByTestId('access-log').getByRole('cell', { name: 'Identification' }).waitFor();
    await expect(duty.getByTestId('access-log').textContent()).resolves.toContain('duty');
    await choose(duty, duty, 'Consent for', 'Shelter placement');
    await duty.getByRole('button', { name: 'Record consent' }).click();
    await duty.getByRole('cell', { name: 'Shelter placement' }).waitFor();
    await duty.getByRole('button', { name: 'Request service' }).click();
    await duty.getByRole('status').filter({ hasText: 'Service requested' }).waitFor();
    await screenshot(duty, 'duty-case');

    // 3. The shelter admits the victim it was asked to take in.
    const shelter = await as('shelter');
    await menu(shelter, 'Placements');
    const offer = shelter.getByRole('row').filter({ hasText: caseNumber! });
    await eventually(
      async () => {
        await shelter.reload();
        await shelter
          .getByRole('heading', { name: 'Occupancy' })
          .or(shelter.getByText(/No Placements/))
          .first()
          .waitFor();
        return (await offer.count()) === 1;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await screenshot(shelter, 'shelter-placements');
    await offer.getByRole('button', { name: 'Admit' }).click();
    await offer.getByText('Admitted').waitFor();
    await shelter
      .getByTestId('occupancy')
      .filter({ hasText: /Occupied\s*[1-9]/ })
      .waitFor(LONG);

    identified = { caseNumber: caseNumber!, victimRef };

    async function countOwnReferrals(): Promise<number> {
      const token = await mintToken({ role: 'agency_officer', org: 'MIA', sub: 'agency' });
      const res = await fetch(`${stack.platform.urlOf('referral')}/v1/referrals?limit=100`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { items: unknown[] }).items.length;
    }
  }, 300_000);

  it('R-3.10 journey, the Fund: claim, decision confirmed by a second person, payouts by the maker approved by the checker, pain.001, cash receipt', async () => {
    // The case of the journey above (or, run alone, one of its own: the Fund keeps only references).
    const { caseNumber, victimRef } = identified ?? {
      caseNumber: `NRM-2026-${Date.now() % 1_000_000}`,
      victimRef: randomBytes(12).toString('base64url'),
    };
    const today = new Date().toISOString().slice(0, 10);
    const decisionNumber = `1(101)-${Date.now() % 100000}/2026`;
    const receiptNumber = `KASSA-${randomBytes(4).toString('hex')}`;
    const findClaim = async (page: Page) => {
      await menu(page, 'Claims');
      await page.getByLabel('Case number or victim reference').fill(caseNumber);
      await page.getByRole('button', { name: 'Search' }).click();
      const card = page.getByTestId('claim').filter({ hasText: caseNumber });
      await card.waitFor(LONG);
      return card;
    };
    const figure = (card: ReturnType<Page['getByTestId']>, label: string) =>
      card.getByTestId('claim-figures').locator(`dt:text-is("${label}") + dd`);

    // 1. The fund officer opens the claim and records the court decision: it waits for a second person.
    const officer = await as('fund-officer');
    await menu(officer, 'Claims');
    const newClaim = officer.getByRole('region', { name: 'New claim' });
    await newClaim.getByLabel('Case number').fill(caseNumber);
    await newClaim.getByLabel('Victim reference').fill(victimRef);
    await newClaim.getByLabel('Material damage claimed (AZN)').fill('2000');
    await newClaim.getByLabel('Moral damage claimed (AZN)').fill('500');
    await newClaim.getByRole('button', { name: 'New claim' }).click();
    let claim = officer.getByTestId('claim').filter({ hasText: caseNumber });
    await claim.waitFor(LONG);
    const decisionForm = claim.getByRole('region', { name: 'Record court decision' });
    await decisionForm.getByLabel('Court').fill('Baku Grave Crimes Court');
    await decisionForm.getByLabel('Decision number').fill(decisionNumber);
    await decisionForm.getByLabel('Decided on').fill(today);
    await decisionForm.getByLabel('Awarded (AZN)').fill('2500');
    await decisionForm.getByRole('button', { name: 'Record court decision' }).click();
    const decision = claim.getByTestId('court-decision').filter({ hasText: decisionNumber });
    await decision.waitFor(LONG);
    await expect(decision.getAttribute('data-status')).resolves.toBe('pending_confirmation');
    // The recorder is offered no confirmation, and nothing is awarded before it.
    await expect(decision.getByRole('button', { name: 'Confirm court decision' }).count()).resolves.toBe(0);
    await expect(figure(claim, 'Awarded').textContent()).resolves.toMatch(/\b0[.,]00\b/);
    const recovery = claim.getByRole('region', { name: "Recovery from the traffickers' property" });
    await recovery.getByLabel('Amount (AZN)').fill('100');
    await recovery.getByLabel('Reference').fill(`CONF-${Date.now() % 100000}`);
    await recovery.getByRole('button', { name: 'Record recovery' }).click();
    await figure(claim, 'Recovered').filter({ hasText: '100.00' }).waitFor(LONG);

    // 2. The approver confirms the decision; the award now counts.
    const approver = await as('fund-approver');
    const approverClaim = await findClaim(approver);
    const pending = approverClaim.getByTestId('court-decision').filter({ hasText: decisionNumber });
    await pending.getByRole('button', { name: 'Confirm court decision' }).click();
    await approverClaim.locator('[data-testid="court-decision"][data-status="confirmed"]').waitFor(LONG);
    await figure(approverClaim, 'Awarded').filter({ hasText: '2,500.00' }).waitFor(LONG);
    await screenshot(approver, 'fund-claim-confirmed');

    // 3. The officer (maker) creates a bank transfer and a cash payout, as the victim chose.
    claim = await findClaim(officer);
    await figure(claim, 'Awarded').filter({ hasText: '2,500.00' }).waitFor(LONG);
    const payoutForm = claim.getByRole('region', { name: 'New payout' });
    await payoutForm.getByLabel('Amount (AZN)').fill('1250.50');
    await payoutForm.getByLabel('Beneficiary').fill('Test Beneficiary');
    const iban = payoutForm.getByRole('textbox', { name: 'IBAN', exact: true });
    await iban.fill('AZ21 NABZ 0000 0000 1370 1000 1944');
    // Without the victim's choice confirmed, the form says so next to the checkbox.
    await payoutForm.getByRole('button', { name: 'Create payout' }).click();
    await payoutForm.getByText('The payment method must be the victim’s choice').waitFor(LONG);
    await payoutForm.getByRole('checkbox', { name: 'The victim chose this payment method' }).check();
    await payoutForm.getByRole('button', { name: 'Create payout' }).click();
    await payoutForm
      .getByRole('status')
      .filter({ hasText: 'Payout created: Pending approval' })
      .waitFor(LONG);
    await payoutForm.getByLabel('Amount (AZN)').fill('300');
    await choose(officer, payoutForm, 'Method', 'Cash');
    await expect(iban.count()).resolves.toBe(0);
    await payoutForm.getByLabel('Beneficiary').fill('Test Beneficiary');
    await payoutForm.getByRole('checkbox', { name: 'The victim chose this payment method' }).check();
    await payoutForm.getByRole('button', { name: 'Create payout' }).click();
    await figure(claim, 'Payouts not yet paid').filter({ hasText: '1,550.50' }).waitFor(LONG);
    await screenshot(officer, 'fund-claim-payouts');

    // 4. The maker sees both waiting for approval, without an approve button.
    await menu(officer, 'Payouts');
    const officerRows = officer.locator('[data-testid="payout-row"][data-status="pending_approval"]');
    await officerRows.filter({ hasText: '1,250.50' }).waitFor(LONG);
    await officerRows.filter({ hasText: '300.00' }).waitFor(LONG);
    await expect(officer.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await expect(
      officerRows.filter({ hasText: '1,250.50' }).getByText('You created this payout').count(),
    ).resolves.toBe(1);
    await screenshot(officer, 'fund-payouts-maker');

    // 5. The checker approves both.
    await menu(approver, 'Payouts');
    for (const amount of ['1,250.50', '300.00']) {
      const row = approver
        .getByTestId('payout-row')
        .filter({ hasText: amount })
        .filter({ hasText: 'fund-officer' });
      await row.getByRole('button', { name: 'Approve' }).click();
      await approver
        .locator('[data-testid="payout-row"][data-status="approved"]')
        .filter({ hasText: amount })
        .waitFor(LONG);
    }
    await screenshot(approver, 'fund-payouts-approved');

    // 6. A bank batch of the approved transfer, and its pain.001.
    await approver.getByRole('button', { name: /Create bank batch of approved transfers/ }).click();
    await approver.getByRole('status').filter({ hasText: 'Bank batch created.' }).waitFor(LONG);
    await menu(approver, 'Bank batches');
    const batchRow = approver.getByTestId('batch-row').filter({ hasText: '1,250.50' }).first();
    await batchRow.waitFor(LONG);
    const [download] = await Promise.all([
      approver.waitForEvent('download', LONG),
      batchRow.getByRole('link', { name: 'Download pain.001' }).click(),
    ]);
    const file = path.join(SCREENSHOTS, 'pain001.xml');
    await download.saveAs(file);
    const xml = readFileSync(file, 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    await expect(validatePain001(xml)).resolves.toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<InstdAmt Ccy="AZN">1250.50</InstdAmt>');
    expect(xml).toContain('AZ21NABZ00000000137010001944');
    await screenshot(approver, 'fund-batches');

    // 7. The cash payout: paid out against the receipt and identity document, the receipt printable.
    await officer.reload();
    const cashRow = officer
      .locator('[data-testid="payout-row"][data-status="approved"]')
      .filter({ hasText: '300.00' });
    await cashRow.getByLabel('Receipt number').fill(receiptNumber);
    await cashRow.getByLabel('Identity document').fill('AZE 12345678');
    await cashRow.getByRole('button', { name: 'Record cash payment' }).click();
    const paidRow = officer
      .locator('[data-testid="payout-row"][data-status="disbursed"]')
      .filter({ hasText: '300.00' });
    await paidRow.waitFor(LONG);
    const [receipt] = await Promise.all([
      officer.context().waitForEvent('page', LONG),
      paidRow.getByRole('link', { name: 'Cash receipt' }).click(),
    ]);
    await receipt
      .getByRole('heading', { name: `Cash compensation receipt No ${receiptNumber}` })
      .waitFor(LONG);
    await expect(receipt.locator('body').textContent()).resolves.toContain('300.00 AZN');
    await receipt.emulateMedia({ media: 'print' });
    await receipt.pdf({ path: path.join(SCREENSHOTS, 'cash-receipt.pdf'), format: 'A4' });
    await receipt.close();

    // 8. The claim's figures: awarded, recovered, paid by the Fund and outstanding.
    claim = await findClaim(officer);
    await figure(claim, 'Paid by the Fund').filter({ hasText: '300.00' }).waitFor(LONG);
    await expect(figure(claim, 'Awarded').textContent()).resolves.toContain('2,500.00');
    await expect(figure(claim, 'Recovered').textContent()).resolves.toContain('100.00');
    await expect(figure(claim, 'Outstanding').textContent()).resolves.toContain('2,100.00');
    await screenshot(officer, 'fund-claim-figures');
  }, 400_000);

  it('R-6.5 journey, after the Fund: the service provider answers a medical request; the assistance centre plans and enrols, with consent; screens in az and ru', async () => {
    expect(identified).toBeDefined();
    const { caseNumber, victimRef } = identified!;
    const referral = stack.platform.urlOf('referral');
    const call = async (url: string, token: string, body: unknown) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect([200, 201]).toContain(res.status);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const duty = await mintToken({ role: 'police_duty_officer', org: 'MIA-SPU', sub: 'duty' });
    for (const purpose of ['medical_examination', 'rehabilitation'])
      await call(`${referral}/v1/victims/${victimRef}/consents`, duty, { purpose, granted: true });
    await expect(
      call(`${referral}/v1/victims/${victimRef}/service-requests`, duty, { service: 'medical' }),
    ).resolves.toMatchObject({ providerOrg: 'MOH' });
    const admin = await mintToken({ role: 'admin', org: 'MIA', sub: 'admin' });
    const year = new Date().getUTCFullYear();
    const programmeCode = `VOC-${randomBytes(3).toString('hex').toUpperCase()}`;
    await call(`${stack.platform.urlOf('shelter')}/v1/training-programmes`, admin, {
      code: programmeCode,
      title: 'Tailoring and small business',
      leadMinistry: 'MLSPP',
      partnerNgos: ['CLEAN-WORLD'],
      region: 'Ganja',
      startsOn: `${year}-01-10`,
      endsOn: `${year + 1}-06-30`,
      seats: 12,
    });

    // 1. The Ministry of Health sees the request (no name, a case number) and answers it.
    const provider = await as('provider');
    await menu(provider, 'Service requests');
    const request = provider.getByTestId('service-request').filter({ hasText: caseNumber });
    await request.getByRole('button', { name: 'Accept' }).click({ timeout: 60_000 });
    await choose(provider, provider, 'Status', 'Accepted');
    await request.getByRole('button', { name: 'Service given' }).click({ timeout: 60_000 });
    await choose(provider, provider, 'Status', 'Completed');
    await provider
      .locator('[data-testid="service-request"][data-status="completed"]')
      .filter({ hasText: caseNumber })
      .waitFor(LONG);
    await screenshot(provider, 'provider-service-requests');

    // 2. The assistance centre opens the individual plan: the person agrees to the measure.
    const centre = await as('centre');
    await menu(centre, 'Rehabilitation plans');
    const form = centre.getByRole('form').or(centre.locator('form')).last();
    await form.getByLabel('Victim reference').fill(victimRef);
    await form.getByLabel('Next review').fill(`${year + 1}-03-01`);
    await form.getByLabel('Goal').fill('Regain confidence');
    await form.getByLabel('Action').fill('Weekly counselling');
    await form.getByLabel('Responsible organisation (code)').fill('MLSPP');
    await choose(centre, form, "The person's agreement", 'Agreed');
    const item = centre.getByTestId('plan-item').filter({ hasText: victimRef });
    // The centre learns of the consent through an event: until it has, the plan is refused.
    await eventually(
      async () => {
        await form.getByRole('button', { name: 'Create plan' }).click();
        await item.or(centre.getByRole('alert')).first().waitFor(LONG);
        return (await item.count()) === 1;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    await item.getByRole('button', { name: 'Schedule' }).click();
    await centre
      .locator('[data-testid="plan-item"][data-status="scheduled"]')
      .filter({ hasText: victimRef })
      .waitFor(LONG);
    await screenshot(centre, 'centre-plans');

    // 3. Training: the person is enrolled in the programme, then completes it.
    await menu(centre, 'Training');
    await centre.getByRole('cell', { name: programmeCode }).waitFor(LONG);
    await choose(centre, centre, 'Programme', new RegExp(programmeCode));
    await centre.getByLabel('Victim reference').fill(victimRef);
    await centre.getByRole('button', { name: 'Enrol' }).click();
    const enrolment = centre.getByRole('row').filter({ hasText: victimRef });
    await enrolment.getByRole('button', { name: 'Completed' }).click({ timeout: 60_000 });
    await enrolment.getByRole('button', { name: 'Withdraw' }).waitFor({ state: 'detached', timeout: 60_000 });
    await expect(enrolment.textContent()).resolves.toContain('Completed');
    await screenshot(centre, 'centre-training');

    // 4. The same screens in Azerbaijani and Russian.
    await centre.getByRole('button', { name: 'Azərbaycanca' }).click();
    await centre.getByRole('heading', { level: 1, name: 'Təlimlər' }).waitFor(LONG);
    await centre.getByRole('menuitem', { name: 'Reabilitasiya planları' }).waitFor(LONG);
    await screenshot(centre, 'centre-training-az');
    await centre.getByRole('button', { name: 'Русский' }).click();
    await centre.getByRole('heading', { level: 1, name: 'Обучение' }).waitFor(LONG);
    await provider.getByRole('button', { name: 'Русский' }).click();
    await provider.getByRole('heading', { level: 1, name: 'Запросы услуг' }).waitFor(LONG);
    await screenshot(provider, 'provider-service-requests-ru');
  }, 300_000);

  it("keeps a role out of another role's screens and API calls through the proxy", async () => {
    const agency = await as('agency');
    await agency.goto(`${stack.consoleUrl}/#/payouts`);
    await expect(agency.getByRole('table', { name: 'Payouts' }).count()).resolves.toBe(0);
    await expect(agency.getByRole('menuitem', { name: 'Payouts' }).count()).resolves.toBe(0);
    const status = (
      path: string,
      init?: { method: string; body?: string; headers?: Record<string, string> },
    ) => agency.evaluate(async ([p, i]) => (await fetch(p, i as never)).status, [path, init] as const);
    // Another service: refused by the console; another role's route of its own service: by the service.
    await expect(status('/api/compensation/v1/payouts')).resolves.toBe(403);
    await expect(status('/api/referral/v1/victims/abcdefgh12345678')).resolves.toBe(403);
    await expect(status('/api/referral/health/ready')).resolves.toBe(403);
    // A write without the CSRF token is refused before it reaches the service.
    await expect(
      status('/api/referral/v1/referrals', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    ).resolves.toBe(403);
    // Without a session nothing passes.
    const anonymous = await fetch(`${stack.consoleUrl}/api/referral/v1/referrals`);
    expect(anonymous.status).toBe(401);
    const fund = await as('fund-officer');
    await fund.goto(`${stack.consoleUrl}/#/queue`);
    await expect(fund.getByRole('menuitem', { name: 'Duty queue' }).count()).resolves.toBe(0);
    await expect(fund.evaluate(async () => (await fetch('/api/referral/v1/referrals')).status)).resolves.toBe(
      403,
    );
  });

  it('keeps sessions in Postgres, sealed: a second console instance serves them, they survive a restart, and signing out ends them everywhere', async () => {
    const page = await as('duty');
    const request = page.context().request;
    const who = async (url: string) => {
      const res = await request.get(`${url}/auth/session`);
      return res.status() === 200 ? ((await res.json()) as { user: { sub: string } }).user.sub : res.status();
    };
    await expect(who(stack.consoleUrl)).resolves.toBe('duty');
    // Another instance behind the same load balancer knows the session ...
    await expect(who(stack.secondConsoleUrl)).resolves.toBe('duty');
    // ... the table holds it sealed (no bearer token in the clear), keyed by a hash of the cookie ...
    const db = new pg.Client({ connectionString: stack.platform.adminDatabaseUrl });
    await db.connect();
    try {
      const rows = (
        await db.query<{ plain: number; total: number }>(
          `SELECT count(*) FILTER (WHERE position('eyJ'::bytea IN sealed) > 0)::int AS plain, count(*)::int AS total FROM "console".sessions`,
        )
      ).rows[0];
      expect(rows.total).toBeGreaterThan(0);
      expect(rows.plain).toBe(0);
    } finally {
      await db.end();
    }
    // ... and a restart of the console keeps it: the queue opens without signing in again.
    await stack.restartConsole();
    await expect(who(stack.consoleUrl)).resolves.toBe('duty');
    await page.goto(`${stack.consoleUrl}/#/queue`);
    await page.getByRole('menuitem', { name: 'Duty queue' }).waitFor(LONG);
    await expect(
      request.get(`${stack.consoleUrl}/api/referral/v1/referrals?limit=1`).then((r) => r.status()),
    ).resolves.toBe(200);
    // Signing out on one instance ends the session on the other too.
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await eventually(async () => (await who(stack.secondConsoleUrl)) === 401, {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
  }, 180_000);

  it('ends a session when it expires: the API answers 401 and the console asks to sign in again', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, stack.shortSessionConsoleUrl, 'duty');
    // The callback opened a session (its cookie is set) ...
    await eventually(async () => (await context.cookies()).some((c) => c.name === 'nrm_session'), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    // ... which ends by itself.
    await eventually(
      async () => (await page.evaluate(async () => (await fetch('/auth/session')).status)) === 401,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await expect(
      page.evaluate(
        async () => (await (await fetch('/api/referral/v1/referrals')).json()) as { type: string },
      ),
    ).resolves.toMatchObject({ type: 'session-expired' });
    await page.goto(`${stack.shortSessionConsoleUrl}/#/queue`);
    await page.getByRole('alert').filter({ hasText: 'Your session has expired' }).waitFor();
    await screenshot(page, 'session-expired');
  });
});
