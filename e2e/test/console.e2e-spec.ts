import { eventually, mintToken } from '#shared/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bootConsoleStack, launchChromium, screenshot, signIn, type ConsoleStack } from '../src/console.js';

/**
 * The web console in a real browser (Debian's Chromium): sign-in through the development OpenID
 * provider's form as each role in turn, against the services running as processes.
 */
describe('web console in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [stack, browser] = await Promise.all([bootConsoleStack({ shortSessionSeconds: 5 }), launchChromium()]);
  }, 240_000);
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
    await duty.getByLabel('Consent for').click();
    await duty.getByRole('option', { name: 'Shelter placement' }).click();
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
    await expect(shelter.getByTestId('occupancy').textContent()).resolves.toMatch(/Occupied\s*[1-9]/);

    // 4-5. The Fund's part (claim, court decision, payout by the maker, approval by the checker,
    // pain.001) is not driven here yet: court decisions now need a second person's confirmation,
    // which the claims screen does not offer yet.
    expect(victimRef).toBeTruthy();

    async function countOwnReferrals(): Promise<number> {
      const token = await mintToken({ role: 'agency_officer', org: 'MIA', sub: 'agency' });
      const res = await fetch(`${stack.platform.urlOf('referral')}/v1/referrals?limit=100`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { items: unknown[] }).items.length;
    }
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
