import fc from 'fast-check';
import pg from 'pg';
import { request } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { ROLES, type Role } from '#shared';
import { mintToken } from '#shared/testing';
import { bootPlatform, type Platform } from '../src/harness.js';

/** An operation of a service's OpenAPI document under /v1. */
interface Operation {
  service: string;
  base: string;
  method: string;
  path: string;
  roles: Role[] | undefined;
  bodyFields: string[];
  queryParams: string[];
}

const ORG_OF: Record<Role, string> = {
  agency_officer: 'MIA',
  police_duty_officer: 'MIA-SPU',
  facility_staff: 'FAC-FUZZ',
  fund_officer: 'FUND',
  fund_approver: 'FUND',
  coordinator: 'NC',
  operator: 'OPS',
  admin: 'NC',
  service_provider: 'MOH',
};

const HOSTILE = [
  "' OR '1'='1' --",
  '"; DROP TABLE referral.referrals; --',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '${jndi:ldap://x/a}',
  '../../../../etc/passwd',
  '\u0000\u0001\u0002',
  '\uD800',
  'ÄÖÜ ğüşıöç Ə ж 汉字 😀',
  'x'.repeat(20_000),
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  '',
  ' ',
];

async function operationsOf(platform: Platform): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (const service of ['referral', 'shelter', 'compensation', 'notification']) {
    const base = platform.urlOf(service);
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            'x-roles'?: Role[];
            parameters?: { name: string; in: string }[];
            requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
          }
        >
      >;
      components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? doc.components?.schemas?.[ref.split('/').pop()!] : undefined;
        ops.push({
          service,
          base,
          method: method.toUpperCase(),
          path,
          roles: op['x-roles'],
          bodyFields: Object.keys(schema?.properties ?? {}),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        });
      }
    }
  }
  return ops;
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const fill = (path: string, value: (name: string) => string) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => pct(value(name)));
/** Header values must be visible ASCII: other characters become '?'. */
const asHeader = (s: string) => s.replace(/[^\x21-\x7e]/g, '?').slice(0, 300) || 'k';
const RANDOM_ID = '9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f';

// rate_limits holds the shared per-client request counters (every request counts, refused or not):
// no business record, so it is left out of "writes nothing".
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS t FROM information_schema.tables
        WHERE table_schema IN ('referral','shelter','compensation','notification') AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('migrations', 'inbox', 'outbox', 'rate_limits')`,
    );
    const counts: Record<string, number> = {};
    for (const { t } of rows)
      counts[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

describe('every /v1 route of every service (generated from the OpenAPI documents)', () => {
  let platform: Platform;
  let ops: Operation[];

  beforeAll(async () => {
    platform = await bootPlatform();
    ops = await operationsOf(platform);
  }, 120_000);
  afterAll(() => platform?.close());

  it('finds the routes of all four services', () => {
    for (const service of ['referral', 'shelter', 'compensation', 'notification']) {
      expect(ops.filter((o) => o.service === service).length).toBeGreaterThan(0);
    }
  });

  it('R-1.3.2 refuses a missing, malformed, expired or wrongly signed token on every route, and every role not allowed', async () => {
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const bad = [
      undefined,
      'Bearer',
      'Bearer not-a-token',
      `Bearer ${await mintToken({ role: 'admin', org: 'NC' }, { expiresIn: -60 })}`,
      `Bearer ${await mintToken({ role: 'admin', org: 'NC' }, { privateKeyPem: otherKey })}`,
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    ];
    const tokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (r) => [r, await mintToken({ role: r, org: ORG_OF[r] })] as const)),
    );
    const failures: string[] = [];
    for (const op of ops) {
      const url = op.base + fill(op.path, () => RANDOM_ID);
      const init = (authorization?: string): RequestInit => ({
        method: op.method,
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(op.method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        body: op.method === 'GET' ? undefined : '{}',
      });
      for (const auth of bad) {
        const res = await fetch(url, init(auth));
        if (res.status !== 401)
          failures.push(`${op.method} ${op.path} with ${auth?.slice(0, 12) ?? 'no token'}: ${res.status}`);
      }
      // A route that lists no roles is refused to everyone: then every role must get 403.
      for (const role of ROLES.filter((r) => !(op.roles ?? []).includes(r))) {
        const res = await fetch(url, init(`Bearer ${tokens[role]}`));
        if (res.status !== 403) failures.push(`${op.method} ${op.path} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers thousands of hostile bodies and path parameters with 4xx problem+json, writes nothing and echoes nothing', async () => {
    const before = await rowCounts(platform.adminDatabaseUrl);
    const writes = ops.filter(
      (o) => ['POST', 'PUT', 'PATCH'].includes(o.method) && (o.roles ?? []).length > 0,
    );
    expect(writes.length).toBeGreaterThan(10);
    const runsPerOp = Math.max(40, Math.ceil(3000 / writes.length));
    const hostileString = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
    );
    const hostileValue = fc.oneof(
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(hostileString, { maxLength: 5 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const failures: string[] = [];
    let requests = 0;
    for (const op of writes) {
      const role = op.roles![0];
      const token = await mintToken({ role, org: ORG_OF[role] });
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        op.bodyFields.length
          ? fc.dictionary(
              fc.constantFrom(...op.bodyFields, '__proto__', 'constructor', 'isAdmin'),
              hostileValue,
              { maxKeys: op.bodyFields.length + 2 },
            )
          : fc.constant({}),
        fc.record(Object.fromEntries(op.bodyFields.map((f) => [f, hostileValue]))),
      );
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.constantFrom(RANDOM_ID, ...HOSTILE.filter((h) => h.length < 300 && h.trim() !== '')),
          fc.option(hostileString),
          async (payload, pathParam, idemKey) => {
            const marker = `ZQX${Math.random().toString(36).slice(2, 10)}`;
            const text =
              JSON.stringify(payload, (_k, v: unknown) =>
                typeof v === 'string' && v.length > 0 ? `${v}${marker}` : v,
              ) ?? 'null';
            const headers: Record<string, string> = {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
            };
            if (idemKey !== null) headers['idempotency-key'] = asHeader(idemKey);
            const res = await fetch(op.base + fill(op.path, () => pathParam), {
              method: op.method,
              headers,
              body: text,
            });
            requests++;
            const answer = await res.text();
            if (res.status < 400 || res.status >= 500)
              failures.push(`${op.method} ${op.path}: ${res.status} for ${text.slice(0, 200)}`);
            else if (!(res.headers.get('content-type') ?? '').includes('application/problem+json'))
              failures.push(`${op.method} ${op.path}: ${res.status} not problem+json`);
            if (answer.includes(marker))
              failures.push(`${op.method} ${op.path}: echoed input in ${answer.slice(0, 200)}`);
            return true;
          },
        ),
        { numRuns: runsPerOp, seed: 20261125 },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(3000);
    expect(await rowCounts(platform.adminDatabaseUrl)).toEqual(before);
  }, 600_000);

  it('R-1.3.2 answers hostile values of every query parameter of every list route with 200 or 4xx problem+json, and a crafted cursor with 400 naming cursor', async () => {
    const lists = ops.filter(
      (o) => o.method === 'GET' && o.queryParams.length > 0 && (o.roles ?? []).length > 0,
    );
    expect(lists.filter((o) => o.queryParams.includes('cursor')).length).toBeGreaterThanOrEqual(3);
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    // Well-formed envelopes whose parts have the wrong type: each must be refused, never reach a query.
    const craftedCursors = [
      b64('["2026-01-01T00:00:00Z","------------------------------------"]'),
      b64('["2026-01-01T00:00:00Z","9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f"'),
      b64('["+275760-09-13T00:00:00Z","9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f"]'),
      b64('["Tue Jan 01 2026","9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f"]'),
      b64('[1,2]'),
      b64('{"a":1}'),
      b64('2026-01-01T00:00:00.000Z|------------------------------------'),
      b64("2026-01-01T00:00:00.000Z|' OR 1=1 --"),
      b64('0|9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f'),
      b64('99999-01-01T00:00:00.000Z|9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f'),
      '!!!',
      ...HOSTILE.filter((h) => h.length < 2000),
    ];
    const failures: string[] = [];
    for (const op of lists) {
      const role = op.roles![0];
      const headers = { authorization: `Bearer ${await mintToken({ role, org: ORG_OF[role] })}` };
      const path = op.base + fill(op.path, () => RANDOM_ID);
      for (const param of op.queryParams) {
        const values = param === 'cursor' ? craftedCursors : HOSTILE.filter((h) => h.length < 2000);
        for (const value of values) {
          const marker = `ZQX${Math.random().toString(36).slice(2, 10)}`;
          const sent = param === 'cursor' || value === '' ? value : `${value}${marker}`;
          const res = await fetch(`${path}?${param}=${pct(sent)}`, { headers });
          const answer = await res.text();
          const where = `GET ${op.path}?${param}=${JSON.stringify(value.slice(0, 40))}`;
          if (res.status >= 500 || (res.status >= 300 && res.status < 400))
            failures.push(`${where}: ${res.status}`);
          else if (
            res.status >= 400 &&
            !(res.headers.get('content-type') ?? '').includes('application/problem+json')
          )
            failures.push(`${where}: ${res.status} not problem+json`);
          if (answer.includes(marker)) failures.push(`${where}: echoed input`);
          if (param === 'cursor' && value !== '') {
            const body = JSON.parse(answer) as { type?: string; errors?: { field: string }[] };
            if (
              res.status !== 400 ||
              body.type !== 'validation-failed' ||
              !body.errors?.some((e) => e.field === 'cursor')
            )
              failures.push(
                `${where}: ${res.status} ${body.type ?? ''} instead of 400 validation-failed naming cursor`,
              );
          }
        }
      }
    }
    expect(failures.slice(0, 30)).toEqual([]);
  }, 300_000);

  it('refuses an oversized body before reading it', async () => {
    const op = ops.find((o) => o.method === 'POST' && o.path === '/v1/referrals')!;
    const token = await mintToken({ role: 'agency_officer', org: 'MIA' });
    // Announce 5 MB but send only the headers: the answer must come without the body being read.
    const { status, contentType } = await new Promise<{ status: number; contentType: string }>(
      (resolve, reject) => {
        const req = request(op.base + op.path, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': String(5_000_000),
          },
        });
        req.on('response', (res) => {
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? '') });
          res.resume();
          req.destroy();
        });
        req.on('error', reject);
        req.flushHeaders();
        req.write('{"circumstances":"');
      },
    );
    expect(status).toBe(413);
    expect(contentType).toContain('application/problem+json');
  });
});
