import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mintToken } from '#shared/testing';
import { devJwtKeys, devSecrets } from '../../scripts/lib/dev-keys.mjs';
import { spawnService } from '../../scripts/lib/platform.mjs';
import { bootPlatform } from '../src/harness.js';

const key = () => randomBytes(32).toString('base64');
const strong = () => randomBytes(18).toString('hex');

/** A production environment for the referral service, every secret its own (not started: no listener needed). */
function productionEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: '1',
    DATABASE_URL: `postgres://nrm_referral:${strong()}@127.0.0.1:1/nrm`,
    MIGRATION_DATABASE_URL: `postgres://nrm_referral_owner:${strong()}@127.0.0.1:1/nrm`,
    AMQP_URL: `amqp://nrm_referral:${strong()}@127.0.0.1:1`,
    JWT_JWKS_URL: 'https://idp.nrm.test/jwks',
    JWT_ISSUER: 'https://idp.nrm.test',
    JWT_AUDIENCE: 'nrm',
    PII_KEYS: `prod1:${key()}`,
    PII_ACTIVE_KEY_ID: 'prod1',
    BLIND_INDEX_KEY: key(),
  };
}

/** Starts the built referral service with `env` and resolves with its exit code and output. */
function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawnService('referral', env, { onLine: (line) => (output += `${line}\n`) });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Give the last lines a moment to arrive.
      setTimeout(() => resolve({ code, output }), 50);
    });
  });
}

describe('production guard', () => {
  it('R-1.3.2 refuses to start in production with a development key, naming the variable and never its value', async () => {
    const dev = devSecrets().referral;
    const withDevPii = await run({
      ...productionEnv(),
      PII_KEYS: dev.PII_KEYS,
      PII_ACTIVE_KEY_ID: dev.PII_ACTIVE_KEY_ID,
    });
    expect(withDevPii.code).toBe(1);
    expect(withDevPii.output).toMatch(/PII_KEYS: is a development key/);
    expect(withDevPii.output).not.toContain(dev.PII_KEYS.split(':')[1]);

    const withDevBlindIndex = await run({ ...productionEnv(), BLIND_INDEX_KEY: dev.BLIND_INDEX_KEY });
    expect(withDevBlindIndex.code).toBe(1);
    expect(withDevBlindIndex.output).toMatch(/BLIND_INDEX_KEY: is a development key/);

    const withDevSigningKey = await run({
      ...productionEnv(),
      JWT_JWKS_URL: '',
      JWT_PUBLIC_KEY: devJwtKeys().publicKeyPem,
    });
    expect(withDevSigningKey.code).toBe(1);
    expect(withDevSigningKey.output).toMatch(/JWT_PUBLIC_KEY: is a development key/);
  }, 120_000);

  it('R-1.3.2 refuses to start in production without every secret given explicitly', async () => {
    const env = productionEnv();
    delete (env as Partial<typeof env>).AMQP_URL;
    delete (env as Partial<typeof env>).JWT_AUDIENCE;
    const { code, output } = await run({
      ...env,
      DATABASE_URL: 'postgres://nrm_referral:nrm_referral@127.0.0.1:1/nrm',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/AMQP_URL: must be given explicitly in production/);
    expect(output).toMatch(/JWT_AUDIENCE: is required in production/);
    expect(output).toMatch(/DATABASE_URL: uses a development or default credential/);
  }, 120_000);

  it('R-1.3.2 seals personal data with PII_KEYS from the environment, never with the development key (env wins over .keys/)', async () => {
    const saved = { PII_KEYS: process.env.PII_KEYS, PII_ACTIVE_KEY_ID: process.env.PII_ACTIVE_KEY_ID };
    process.env.PII_KEYS = `operator1:${key()}`;
    process.env.PII_ACTIVE_KEY_ID = 'operator1';
    let platform: Awaited<ReturnType<typeof bootPlatform>> | undefined;
    try {
      platform = await bootPlatform({ services: ['referral'] });
    } finally {
      process.env.PII_KEYS = saved.PII_KEYS;
      process.env.PII_ACTIVE_KEY_ID = saved.PII_ACTIVE_KEY_ID;
      if (saved.PII_KEYS === undefined) delete process.env.PII_KEYS;
      if (saved.PII_ACTIVE_KEY_ID === undefined) delete process.env.PII_ACTIVE_KEY_ID;
    }
    try {
      const token = await mintToken({ role: 'agency_officer', org: 'MOH', sub: 'officer-env-wins' });
      const res = await fetch(`${platform.urlOf('referral')}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'presumed_victim',
          identifiedAt: new Date(Date.now() - 3_600_000).toISOString(),
          person: {
            givenName: 'Lalə',
            familyName: 'Quliyeva',
            ageEstimate: 30,
            sex: 'female',
            citizenship: 'AZ',
            languages: ['az'],
          },
          exploitation: ['labour'],
          circumstances: 'test',
          region: 'Baku',
          urgentNeeds: [],
          documents: [],
        }),
      });
      expect(res.status).toBe(201);
      const { victimRef } = (await res.json()) as { victimRef: string };
      const db = new pg.Client({ connectionString: platform.adminDatabaseUrl });
      await db.connect();
      try {
        // Each victim's fields are sealed under a data key of their own; that key is wrapped by the
        // key ring, so the wrapping key's id says which PII_KEYS sealed the data.
        const { rows } = await db.query<{ enc: string; wrapped: string }>(
          `SELECT v.given_name_enc AS enc, k.wrapped_key AS wrapped
             FROM referral.victims v JOIN referral.victim_keys k ON k.victim_id = v.id
            WHERE v.victim_ref = $1`,
          [victimRef],
        );
        expect(rows[0].enc).toMatch(/^v1\.@dek\./);
        expect(rows[0].wrapped).toMatch(/^v1\.operator1\./);
      } finally {
        await db.end();
      }
    } finally {
      await platform.close();
    }
  }, 180_000);
});
