import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '#shared';
import { CompensationConfig } from './compensation.config.js';

const base = {
  PORT: '3003',
  DATABASE_URL: 'postgres://u:p@localhost:5432/nrm',
  JWT_PUBLIC_KEY: 'pem',
  PAYMENT_DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  PAYMENT_DATA_ACTIVE_KEY_ID: 'k1',
};

describe(CompensationConfig.name, () => {
  it('loads a valid configuration; the debtor account is optional', () => {
    const c = loadConfig(CompensationConfig, base);
    expect(c.PAYMENT_DATA_ACTIVE_KEY_ID).toBe('k1');
    expect(c.FUND_DEBTOR_IBAN).toBeUndefined();
    expect(
      loadConfig(CompensationConfig, {
        ...base,
        FUND_DEBTOR_IBAN: 'AZ21NABZ00000000137010001944',
        FUND_DEBTOR_BIC: 'NABZAZ2X',
      }).FUND_DEBTOR_BIC,
    ).toBe('NABZAZ2X');
  });

  it('names every bad variable and never shows a key', () => {
    const short = randomBytes(16).toString('base64');
    try {
      loadConfig(CompensationConfig, {
        ...base,
        PAYMENT_DATA_KEYS: `k1:${short}`,
        PAYMENT_DATA_ACTIVE_KEY_ID: 'k9',
        FUND_DEBTOR_IBAN: 'AZ22NABZ00000000137010001944',
        FUND_DEBTOR_BIC: 'bad',
      });
      throw new Error('expected a ConfigValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigValidationError);
      const msg = (err as Error).message;
      for (const v of [
        'PAYMENT_DATA_KEYS',
        'PAYMENT_DATA_ACTIVE_KEY_ID',
        'FUND_DEBTOR_IBAN',
        'FUND_DEBTOR_BIC',
      ])
        expect(msg).toContain(v);
      expect(msg).not.toContain(short);
    }
  });

  it('requires the payment data key ring', () => {
    expect(() => loadConfig(CompensationConfig, { ...base, PAYMENT_DATA_KEYS: '' })).toThrow(
      /PAYMENT_DATA_KEYS/,
    );
  });
});
