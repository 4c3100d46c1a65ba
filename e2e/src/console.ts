import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { validateXML } from 'xmllint-wasm';
import { mintToken, testEnv } from '#shared/testing';
import { randomBytes } from 'node:crypto';
import { newClientSecret, startConsoleProcess, startDevOidcProcess } from '../../scripts/lib/console.mjs';
import { seedDemo } from '../../scripts/lib/demo-seed.mjs';
import { freePort, root } from '../../scripts/lib/platform.mjs';
import type { Role } from '#shared';
import { bootPlatform, type Platform } from './harness.js';

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOTS = path.join(root, 'tmp/screenshots');

/** Debian's Chromium, headless, with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export type ConsoleStack = Awaited<ReturnType<typeof bootConsoleStack>>;

/**
 * The four services as processes, the development OpenID provider and the console, on free ports,
 * with the demo data. The services trust both the run's test key and the provider's JWKS.
 */
export async function bootConsoleStack(
  opts: {
    consoleEnv?: Record<string, string>;
    accessTokenTtlSeconds?: number;
    shortSessionSeconds?: number;
    /** Also a second console instance sharing the first one's sessions (`secondConsoleUrl`). */
    secondInstance?: boolean;
  } = {},
) {
  const oidcPort = await freePort();
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  // A second console whose sessions end after a few seconds (the session-expiry test).
  const shortPort = await freePort();
  const shortUrl = `http://127.0.0.1:${shortPort}`;
  // A second instance of the console on the same database and secret (sessions are shared).
  const secondPort = await freePort();
  const secondUrl = `http://127.0.0.1:${secondPort}`;
  const sessionSecret = randomBytes(32).toString('hex');
  const logs: string[] = [];
  const platform: Platform = await bootPlatform({
    extraEnv: { '*': { JWT_JWKS_URL: `http://127.0.0.1:${oidcPort}/jwks` } },
    // Five services, three consoles and a browser on two shared cores: give them time to be ready.
    readyTimeoutMs: 240_000,
  });
  const clientSecret = newClientSecret();
  const onLine = (line: string, name: string) => logs.push(`${name}: ${line}`);
  let oidc: Awaited<ReturnType<typeof startDevOidcProcess>> | undefined;
  let consoleApp: Awaited<ReturnType<typeof startConsoleProcess>> | undefined;
  let shortApp: Awaited<ReturnType<typeof startConsoleProcess>> | undefined;
  let secondApp: Awaited<ReturnType<typeof startConsoleProcess>> | undefined;
  try {
    oidc = await startDevOidcProcess({
      port: oidcPort,
      clientSecret,
      redirectUris: [
        `${consoleUrl}/auth/callback`,
        `${shortUrl}/auth/callback`,
        `${secondUrl}/auth/callback`,
      ],
      postLogoutRedirectUris: [`${consoleUrl}/`, `${shortUrl}/`, `${secondUrl}/`],
      accessTokenTtlSeconds: opts.accessTokenTtlSeconds,
      onLine,
    });
    const upstreams = Object.fromEntries(
      [...new Set(platform.procs.map((p) => p.service))].map((s) => [s, platform.urlOf(s)]),
    );
    const database = { adminUrl: testEnv().adminUrl, name: platform.database };
    const start = (
      port: number,
      publicUrl: string,
      extra: { sessionSecret?: string; env?: Record<string, string> } = {},
    ) =>
      startConsoleProcess({
        port,
        publicUrl,
        issuer: oidc!.issuer,
        clientSecret,
        upstreams,
        database,
        sessionSecret: extra.sessionSecret,
        env: { ...opts.consoleEnv, ...extra.env },
        onLine,
      });
    const startMain = () => start(consolePort, consoleUrl, { sessionSecret });
    consoleApp = await startMain();
    if (opts.secondInstance) secondApp = await start(secondPort, secondUrl, { sessionSecret });
    // Its own secret: its cookies and sessions are nobody else's.
    if (opts.shortSessionSeconds) {
      shortApp = await start(shortPort, shortUrl, {
        env: { SESSION_TTL_SECONDS: String(opts.shortSessionSeconds) },
      });
    }
    const demo = await seedDemo({
      urls: upstreams,
      token: (who) => mintToken({ role: who.role as Role, org: who.org, sub: who.sub }),
    });
    return {
      platform,
      consoleUrl,
      shortSessionConsoleUrl: shortUrl,
      secondConsoleUrl: secondUrl,
      oidcUrl: oidc.issuer,
      demo,
      logs,
      /** Stops the main console and starts it again on the same port, database and secret. */
      async restartConsole() {
        await consoleApp?.stop();
        consoleApp = await startMain();
      },
      async close() {
        await secondApp?.stop();
        await shortApp?.stop();
        await consoleApp?.stop();
        await oidc?.stop();
        await platform.close();
      },
    };
  } catch (err) {
    await secondApp?.stop();
    await shortApp?.stop();
    await consoleApp?.stop();
    await oidc?.stop();
    await platform.close();
    throw new Error(`${(err as Error).message}\n${logs.slice(-30).join('\n')}`);
  }
}

/** Signs in through the console's button and the provider's form; English for stable selectors. */
export async function signIn(
  page: Page,
  consoleUrl: string,
  username: string,
  password = username,
): Promise<void> {
  await page.goto(`${consoleUrl}/#/login`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs out through the user menu. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
}

let shot = 0;
/** A full-page screenshot under tmp/screenshots/ (test artefact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Validates a pain.001 document against the schema the compensation service ships (libxml2 in wasm). */
export async function validatePain001(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const xsd = readFileSync(path.join(root, 'apps/compensation/src/batches/pain.001.001.09.xsd'), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'pain001.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: xsd }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
