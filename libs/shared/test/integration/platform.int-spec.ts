import pg from 'pg';
import { isolatedSchema, isolatedVhost, mintToken, eventually, testEnv, TcpProxy } from '#shared/testing';
import { startSampleApp } from '../support/sample-app.js';

const ready = async (url: string) => (await fetch(`${url}/health/ready`)).status;

describe('platform: health, readiness and recovery', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  let pgProxy: TcpProxy;
  let mqProxy: TcpProxy;
  let app: Awaited<ReturnType<typeof startSampleApp>>;

  beforeAll(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
    const pgUrl = new URL(schema.url);
    pgProxy = await new TcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432)).start();
    const mqUrl = new URL(vhost.url);
    mqProxy = await new TcpProxy(mqUrl.hostname, Number(mqUrl.port || 5672)).start();
    await mqProxy.cut(); // the service starts while RabbitMQ is unreachable
    pgUrl.port = String(pgProxy.port);
    mqUrl.port = String(mqProxy.port);
    app = await startSampleApp({
      schema: schema.schema,
      databaseUrl: pgUrl.toString(),
      amqpUrl: mqUrl.toString(),
    });
  });

  afterAll(async () => {
    await app?.app.close();
    await pgProxy?.stop();
    await mqProxy?.stop();
    await schema?.drop();
    await vhost?.drop();
  });

  it('starts while RabbitMQ is down, reports not ready, and becomes ready once it is reachable', async () => {
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    await eventually(async () => (await ready(app.url)) === 503);
    const body = (await (await fetch(`${app.url}/health/ready`)).json()) as {
      details: Record<string, { status: string }>;
    };
    expect(body.details.rabbitmq?.status).toBe('down');
    await mqProxy.restore();
    await eventually(async () => (await ready(app.url)) === 200, { timeoutMs: 20_000 });
  });

  it('/health/ready goes to 503 when Postgres is unreachable and back to 200 when it returns', async () => {
    await eventually(async () => (await ready(app.url)) === 200, { timeoutMs: 20_000 });
    await pgProxy.cut();
    await eventually(async () => (await ready(app.url)) === 503, { timeoutMs: 15_000 });
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    await pgProxy.restore();
    await eventually(async () => (await ready(app.url)) === 200, { timeoutMs: 20_000 });
  });

  it('serves Prometheus metrics and the OpenAPI document', async () => {
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('http_requests_total');
    expect(metrics).toContain('outbox_backlog');
    const doc = (await (await fetch(`${app.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/v1/samples');
  });
});

describe('platform: auth and problem+json', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  let app: Awaited<ReturnType<typeof startSampleApp>>;
  let admin: string;

  beforeAll(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
    app = await startSampleApp({ schema: schema.schema, databaseUrl: schema.url, amqpUrl: vhost.url });
    admin = await mintToken({ role: 'admin', org: 'NC', sub: 'admin-1' });
  });
  afterAll(async () => {
    await app?.app.close();
    await schema?.drop();
    await vhost?.drop();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/v1/samples`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...headers },
      body,
    });

  const expectProblem = async (res: Response, status: number, type: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as {
      type: string;
      status: number;
      title: string;
      detail: string;
      errors?: { field: string }[];
    };
    expect(body).toMatchObject({ type, status });
    expect(typeof body.title).toBe('string');
    return body;
  };

  it('accepts a valid request from an allowed role', async () => {
    const res = await post(JSON.stringify({ name: 'x', count: 1, kind: 'a', inner: { country: 'AZ' } }));
    expect(res.status).toBe(201);
  });

  it('names every bad field of an invalid body, without echoing values', async () => {
    const res = await post(
      JSON.stringify({ name: '', count: -1, kind: 'zzz', inner: { country: 'SECRETVALUE' }, extra: 1 }),
    );
    const body = await expectProblem(res, 400, 'validation-failed');
    const fields = body.errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'count', 'kind', 'inner.country', 'extra']));
    expect(JSON.stringify(body)).not.toContain('SECRETVALUE');
  });

  it('answers malformed JSON, wrong media types and oversized bodies with 4xx problem+json', async () => {
    await expectProblem(await post('{"name": "SECRET'), 400, 'bad-request');
    await expectProblem(
      await post('name=x', { 'content-type': 'text/plain' }),
      415,
      'unsupported-media-type',
    );
    await expectProblem(await post(JSON.stringify({ name: 'x'.repeat(5000) })), 413, 'payload-too-large');
  });

  it('answers unknown routes with 404 problem+json', async () => {
    await expectProblem(await fetch(`${app.url}/v1/nowhere`), 404, 'not-found');
    await expectProblem(await fetch(`${app.url}/nowhere`), 404, 'not-found');
  });

  it('refuses missing, malformed, expired, wrongly signed and wrong-role tokens', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const body = JSON.stringify({ name: 'x', count: 1, kind: 'a', inner: { country: 'AZ' } });
    await expectProblem(await post(body, { authorization: '' }), 401, 'unauthorized');
    await expectProblem(await post(body, { authorization: 'Bearer not.a.jwt' }), 401, 'unauthorized');
    await expectProblem(
      await post(body, {
        authorization: `Bearer ${await mintToken({ role: 'admin', org: 'NC' }, { expiresIn: -10 })}`,
      }),
      401,
      'unauthorized',
    );
    await expectProblem(
      await post(body, {
        authorization: `Bearer ${await mintToken({ role: 'admin', org: 'NC' }, { privateKeyPem: otherKey })}`,
      }),
      401,
      'unauthorized',
    );
    await expectProblem(
      await post(body, {
        authorization: `Bearer ${await mintToken({ role: 'agency_officer', org: 'MIA' })}`,
      }),
      403,
      'forbidden',
    );
  });

  it('limits each client on a rate-limited route with 429 and Retry-After, without affecting other clients', async () => {
    const body = JSON.stringify({ name: 'x', count: 1, kind: 'a', inner: { country: 'AZ' } });
    const greedy = await mintToken({ role: 'admin', org: 'NC', sub: 'greedy' });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 25; i++) {
      const res = await post(body, { authorization: `Bearer ${greedy}` });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(20);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(limited!, 429, 'too-many-requests');
    expect(
      (
        await post(body, {
          authorization: `Bearer ${await mintToken({ role: 'admin', org: 'NC', sub: 'patient' })}`,
        })
      ).status,
    ).toBe(201);
  });

  it('denies by default a /v1 route that declares no roles', async () => {
    const res = await fetch(`${app.url}/v1/samples/unguarded`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    await expectProblem(res, 403, 'forbidden');
  });
});

describe('database ownership', () => {
  it("gives each service's owner role its own schema, its runtime role no DDL, and neither rights on the others", async () => {
    const env = testEnv();
    const owner = new pg.Client({ connectionString: env.ownerDatabaseUrl('referral') });
    await owner.connect();
    try {
      await owner.query('CREATE TABLE referral.ownership_probe (id int)');
      await owner.query('DROP TABLE referral.ownership_probe');
    } finally {
      await owner.end();
    }
    const client = new pg.Client({ connectionString: env.serviceDatabaseUrl('referral') });
    await client.connect();
    try {
      await expect(client.query('CREATE TABLE referral.ownership_probe (id int)')).rejects.toThrow(
        /permission denied for schema/,
      );
      for (const other of ['shelter', 'compensation', 'notification']) {
        await expect(client.query(`CREATE TABLE ${other}.intruder (id int)`)).rejects.toThrow(
          /permission denied for schema/,
        );
        await expect(client.query(`SELECT * FROM ${other}.outbox`)).rejects.toThrow(
          /permission denied for schema|does not exist/,
        );
      }
      await expect(client.query('CREATE TABLE public.intruder (id int)')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await client.end();
    }
  });
});
