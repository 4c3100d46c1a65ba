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
