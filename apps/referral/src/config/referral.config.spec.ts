import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '#shared';
import { ReferralConfig } from './referral.config.js';

const base = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  JWT_PUBLIC_KEY: 'pem',
  PII_KEYS: `k1:${randomBytes(32).toString('base64')},k2:${randomBytes(32).toString('base64')}`,
  PII_ACTIVE_KEY_ID: 'k2',
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(ReferralConfig, env);
    return [];
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
};

describe(ReferralConfig.name, () => {
  it('loads with a key ring, an active key in it and a blind index key; deadline defaults to 4 h lead', () => {
    const config = loadConfig(ReferralConfig, base);
    expect(config.DEADLINE_LEAD_MINUTES).toBe(240);
    expect(config.PORT).toBe(3001);
  });

  it('R-1.3.2 refuses to start without encryption keys: there are no defaults', () => {
    const problems = problemsOf({
      ...base,
      PII_KEYS: undefined,
      PII_ACTIVE_KEY_ID: undefined,
      BLIND_INDEX_KEY: undefined,
    });
    expect(problems.join('\n')).toMatch(/PII_KEYS/);
    expect(problems.join('\n')).toMatch(/PII_ACTIVE_KEY_ID/);
    expect(problems.join('\n')).toMatch(/BLIND_INDEX_KEY/);
  });

  it('refuses short keys, an active key id missing from the ring, and a weak blind index key', () => {
    expect(
      problemsOf({
        ...base,
        PII_KEYS: `k1:${randomBytes(16).toString('base64')}`,
        PII_ACTIVE_KEY_ID: 'k1',
      }).join(),
    ).toMatch(/PII_KEYS/);
    expect(problemsOf({ ...base, PII_ACTIVE_KEY_ID: 'k3' }).join()).toMatch(/PII_ACTIVE_KEY_ID/);
    expect(problemsOf({ ...base, BLIND_INDEX_KEY: 'c2hvcnQ=' }).join()).toMatch(/BLIND_INDEX_KEY/);
  });

  it('never shows a key in a problem', () => {
    const problems = problemsOf({ ...base, PII_ACTIVE_KEY_ID: 'k3' }).join();
    expect(problems).not.toContain(base.PII_KEYS.split(',')[0].split(':')[1]);
  });
});
