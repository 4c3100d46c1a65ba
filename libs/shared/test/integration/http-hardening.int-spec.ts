import { isolatedSchema, isolatedVhost, mintToken } from '#shared/testing';
import { startSampleApp } from '../support/sample-app.js';

type Sample = Awaited<ReturnType<typeof startSampleApp>>;

describe('HTTP hardening of every service', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  const apps: Sample[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startSampleApp({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      env,
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
  });
  afterAll(async () => {
    for (const a of apps) await a.app.close();
    await schema?.drop();
    await vhost?.drop();
  });

  it('sends security headers (helmet) on API answers, errors and health', async () => {
    const app = await start();
    for (const path of ['/health/live', '/v1/samples/unguarded', '/nowhere']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('R-1.3.2 keeps /metrics and /docs open in development, behind a token or off when configured', async () => {
    const open = await start();
    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${open.url}/docs-json`)).status).toBe(200);

    const opsToken = 'ops-token-for-the-scraper-0123456789abcdef';
    const guarded = await start({ OPS_ENDPOINTS: 'token', OPS_TOKEN: opsToken });
    for (const path of ['/metrics', '/docs-json']) {
      const none = await fetch(`${guarded.url}${path}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toContain('application/problem+json');
      expect(
        (await fetch(`${guarded.url}${path}`, { headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      const agency = await mintToken({ role: 'agency_officer', org: 'MIA' });
      expect(
        (await fetch(`${guarded.url}${path}`, { headers: { authorization: `Bearer ${agency}` } })).status,
      ).toBe(401);
      expect(
        (await fetch(`${guarded.url}${path}`, { headers: { authorization: `Bearer ${opsToken}` } })).status,
      ).toBe(200);
      const operator = await mintToken({ role: 'operator', org: 'OPS' });
      expect(
        (await fetch(`${guarded.url}${path}`, { headers: { authorization: `Bearer ${operator}` } })).status,
      ).toBe(200);
    }
    // Probes stay open.
    expect((await fetch(`${guarded.url}/health/live`)).status).toBe(200);

    const off = await start({ OPS_ENDPOINTS: 'off' });
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${off.url}/docs-json`)).status).toBe(404);
  });

  it('R-1.3.2 logs an unhandled driver error without the query string, the SQL parameters or the quoted input', async () => {
    const app = await start();
    const admin = await mintToken({ role: 'admin', org: 'NC' });
    const personal = 'AyselMammadova1990';
    const res = await fetch(`${app.url}/v1/samples/broken?q=${personal}&email=aysel@example.org`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain(personal);
    const line = app.logs.find((l) => l.includes('unhandled error'));
    expect(line).toBeDefined();
    expect(line).not.toContain(personal);
    expect(line).not.toContain('aysel@example.org');
    expect(line).not.toContain('SELECT $1');
    // Still useful to an operator: the error class and the SQLSTATE.
    const entry = JSON.parse(line!) as { err: { code?: string; type?: string }; errorId: string };
    expect(entry.err.code).toBe('22P02');
    expect(entry.errorId).toMatch(/[0-9a-f-]{36}/);
  });
});
