import { BaseConfig, ConfigValidationError, loadConfig } from './base.config.js';

describe(loadConfig.name, () => {
  const valid = { PORT: '3001', DATABASE_URL: 'postgres://u:p@localhost:5432/nrm', JWT_PUBLIC_KEY: 'pem' };

  it('builds typed config with defaults', () => {
    const config = loadConfig(BaseConfig, valid);
    expect(config.PORT).toBe(3001);
    expect(config.AMQP_PREFETCH).toBe(50);
  });

  it('names every bad variable and never shows its value', () => {
    let error: unknown;
    try {
      loadConfig(BaseConfig, {
        ...valid,
        PORT: 'eighty',
        DATABASE_URL: 'mysql://secret-pass@x',
        AMQP_PREFETCH: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('AMQP_PREFETCH');
    expect(message).not.toContain('secret-pass');
  });

  it('requires a JWT public key or a JWKS URL', () => {
    expect(() => loadConfig(BaseConfig, { PORT: '1', DATABASE_URL: valid.DATABASE_URL })).toThrow(
      /JWT_PUBLIC_KEY/,
    );
  });
});

describe('production guard', () => {
  const production = {
    NODE_ENV: 'production',
    PORT: '3001',
    DATABASE_URL: 'postgres://nrm_referral:s3cret-runtime-pw@db:5432/nrm',
    MIGRATION_DATABASE_URL: 'postgres://nrm_referral_owner:s3cret-owner-pw@db:5432/nrm',
    AMQP_URL: 'amqps://referral:s3cret-broker-pw@mq:5671/nrm',
    JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
    JWT_ISSUER: 'https://idp.example',
    JWT_AUDIENCE: 'nrm',
  };
  const problems = (env: Record<string, string | undefined>) => {
    try {
      loadConfig(BaseConfig, env);
      return '';
    } catch (e) {
      if (e instanceof ConfigValidationError) return e.problems.join('\n');
      throw e;
    }
  };

  it('starts with everything given explicitly', () => {
    expect(problems(production)).toBe('');
  });

  it('requires JWT_ISSUER and JWT_AUDIENCE and an https JWKS URL in production', () => {
    expect(problems({ ...production, JWT_ISSUER: undefined })).toMatch(/JWT_ISSUER/);
    expect(problems({ ...production, JWT_AUDIENCE: '' })).toMatch(/JWT_AUDIENCE/);
    expect(problems({ ...production, JWT_JWKS_URL: 'http://idp.example/jwks' })).toMatch(/JWT_JWKS_URL/);
    // Outside production they stay optional.
    expect(
      problems({
        ...production,
        NODE_ENV: 'development',
        JWT_ISSUER: undefined,
        JWT_JWKS_URL: 'http://idp/jwks',
      }),
    ).toBe('');
  });

  it('refuses default credentials and implicit broker and migration URLs in production', () => {
    expect(problems({ ...production, AMQP_URL: undefined })).toMatch(/AMQP_URL/);
    expect(problems({ ...production, AMQP_URL: 'amqp://guest:guest@mq:5672' })).toMatch(/AMQP_URL/);
    expect(problems({ ...production, MIGRATION_DATABASE_URL: undefined })).toMatch(/MIGRATION_DATABASE_URL/);
    expect(
      problems({ ...production, DATABASE_URL: 'postgres://nrm_referral:nrm_referral@db:5432/nrm' }),
    ).toMatch(/DATABASE_URL/);
    const text = problems({
      ...production,
      DATABASE_URL: 'postgres://nrm_referral:nrm_referral@db:5432/nrm',
    });
    expect(text).not.toContain('nrm_referral@');
  });
});
