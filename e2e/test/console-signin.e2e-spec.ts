import { eventually } from '#shared/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bootConsoleStack, launchChromium, screenshot, signIn, type ConsoleStack } from '../src/console.js';

describe('web console: sign-in through the OpenID provider, the duty queue', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([bootConsoleStack(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('signs the duty officer in and shows the queue, nearest deadline first, with live countdowns', async () => {
    await page.goto(stack.consoleUrl);
    await page.getByRole('link', { name: 'Daxil ol' }).waitFor();
    await screenshot(page, 'sign-in-az');
    await signIn(page, stack.consoleUrl, 'duty');
    await page.getByRole('menuitem', { name: 'Duty queue' }).click();
    const rows = page.locator('tbody tr');
    await rows.nth(stack.demo.referrals.length - 1).waitFor();
    const cases = await page.locator('tbody tr td:first-child').allTextContents();
    // The demo referrals were identified 20 h, 3 h and 1 h ago: due in 4 h, 21 h and 23 h.
    const order = stack.demo.referrals.map((r) => r.caseNumber);
    expect(cases.filter((c) => order.includes(c))).toEqual(order);
    const first = page.getByTestId('countdown').first();
    await expect(first.getAttribute('data-state')).resolves.toBe('soon');
    const before = await first.textContent();
    // Live: the first countdown's text changes without a reload.
    await eventually(async () => (await first.textContent()) !== before);
    await screenshot(page, 'duty-queue');
    // The tokens stay on the server: the browser holds only the httpOnly session cookie.
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'nrm_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(storage).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('says so when the sign-in fails', async () => {
    await signIn(page, stack.consoleUrl, 'duty', 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sign-in failed');
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('duty');
    await screenshot(page, 'sign-in-failed');
  });
});
