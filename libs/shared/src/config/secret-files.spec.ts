import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BaseConfig, ConfigValidationError, loadConfig } from './base.config.js';

describe('loadConfig with NAME_FILE secrets', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nrm-secrets-'));
  const secret = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const valid = { PORT: '3001', DATABASE_URL: 'postgres://u:p@localhost:5432/nrm' };

  it('reads a variable from the file NAME_FILE names, without its trailing newline', () => {
    const config = loadConfig(BaseConfig, {
      ...valid,
      JWT_PUBLIC_KEY_FILE: secret('jwt.pem', 'PEM-CONTENT\n'),
    });
    expect(config.JWT_PUBLIC_KEY).toBe('PEM-CONTENT');
  });

  it('prefers the plain variable over NAME_FILE', () => {
    const config = loadConfig(BaseConfig, {
      ...valid,
      JWT_PUBLIC_KEY: 'plain',
      JWT_PUBLIC_KEY_FILE: secret('other.pem', 'from-file'),
    });
    expect(config.JWT_PUBLIC_KEY).toBe('plain');
  });

  it('validates a value read from a file like any other, and names a file it cannot read', () => {
    expect(() =>
      loadConfig(BaseConfig, { ...valid, JWT_PUBLIC_KEY: 'k', AMQP_PREFETCH_FILE: secret('p', '0') }),
    ).toThrow(/AMQP_PREFETCH/);
    let error: unknown;
    try {
      loadConfig(BaseConfig, { ...valid, JWT_PUBLIC_KEY_FILE: path.join(dir, 'missing') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      'JWT_PUBLIC_KEY_FILE: cannot read the file it names',
    ]);
  });

  it('counts a value read from NAME_FILE as given explicitly in production', () => {
    let error: unknown;
    try {
      loadConfig(BaseConfig, {
        NODE_ENV: 'production',
        PORT: '3001',
        DATABASE_URL_FILE: secret('db', 'postgres://nrm_x:a-long-real-password@db:5432/nrm\n'),
        JWT_PUBLIC_KEY: 'k',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AMQP_URL: must be given explicitly/)]),
    );
    expect(problems.filter((p) => p.startsWith('DATABASE_URL:'))).toEqual([]);
  });
});
