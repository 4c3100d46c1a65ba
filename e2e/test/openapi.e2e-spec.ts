import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bootPlatform, type Platform } from '../src/harness.js';

/**
 * The OpenAPI document each service serves at /docs-json is committed in docs/openapi/<service>.json,
 * so a change to the contract shows in review. This test fails when the served document drifts from
 * the committed one (`npm run openapi` rewrites them), when an independent validator rejects it, or
 * when an operation hides its errors.
 */
const root = path.resolve(import.meta.dirname, '../..');
const SERVICES = ['referral', 'shelter', 'compensation', 'notification', 'reporting'];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * @apidevtools/swagger-parser in a plain Node process: it requires an ES module, which Node loads and
 * Jest's module system does not. Resolves to the validator's message, or '' when the document is valid.
 */
function swaggerParserErrors(doc: Json): string {
  const script =
    "import SwaggerParser from '@apidevtools/swagger-parser';" +
    "let t='';for await (const c of process.stdin) t+=c;" +
    'try { await SwaggerParser.validate(JSON.parse(t)); } catch (e) { process.stdout.write(e.message); }';
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    input: JSON.stringify(doc),
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1' },
  });
  if (run.status !== 0) return `validator did not run: ${run.stderr}`;
  return run.stdout;
}

describe('OpenAPI documents', () => {
  let platform: Platform;
  const served = new Map<string, Json>();

  beforeAll(async () => {
    platform = await bootPlatform({ services: SERVICES });
    for (const s of SERVICES) {
      const res = await fetch(`${platform.urlOf(s)}/docs-json`);
      expect(res.status).toBe(200);
      served.set(s, (await res.json()) as Json);
    }
  }, 300_000);
  afterAll(async () => {
    await platform?.close();
  });

  it.each(SERVICES)('%s: the served document is the committed docs/openapi file', (service) => {
    const file = path.join(root, 'docs/openapi', `${service}.json`);
    const text = `${JSON.stringify(served.get(service), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, text);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(served.get(service));
  });

  it.each(SERVICES)('%s: is valid OpenAPI for an independent validator', (service) => {
    expect(swaggerParserErrors(served.get(service)!)).toBe('');
  });

  it.each(SERVICES)(
    '%s: every operation declares its errors as problem+json with their type codes, and body examples',
    (service) => {
      const doc = served.get(service)!;
      const missing: string[] = [];
      for (const [p, item] of Object.entries(doc.paths as Json)) {
        if (!p.startsWith('/v1')) continue;
        for (const [method, op] of Object.entries(item as Json)) {
          if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
          const errors = Object.entries(op.responses as Json).filter(([s]) => /^[45]\d\d$/.test(s));
          for (const required of ['400', '401', '403'])
            if (!op.responses[required]) missing.push(`${method} ${p}: no ${required}`);
          for (const [status, r] of errors) {
            const ref = r.content?.['application/problem+json']?.schema?.$ref as string | undefined;
            if (!ref) missing.push(`${method} ${p}: ${status} has no problem+json body`);
          }
          const body = op.requestBody?.content?.['application/json'];
          if (body && body.example === undefined && body.examples === undefined)
            missing.push(`${method} ${p}: request body without example`);
        }
      }
      expect(missing).toEqual([]);
      const problem400 = doc.components.schemas.Problem400.allOf[1].properties.type.enum as string[];
      expect(problem400).toContain('validation-failed');
    },
  );
});
