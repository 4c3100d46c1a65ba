import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

describe(createLogger.name, () => {
  it('R-1.3.2 writes JSON lines with personal data redacted by key, at any nesting level', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'test',
      'info',
      new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }),
    );
    logger.info(
      {
        person: { givenName: 'Aysel' },
        givenName: 'Leyla',
        payout: { iban: 'AZ21NABZ00000000137010001944', beneficiaryName: 'Nigar' },
        caseNumber: 'NRM-2026-000001',
      },
      'hello',
    );
    logger.flush?.();
    const out = lines.join('');
    const parsed = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      level: 'info',
      service: 'test',
      msg: 'hello',
      caseNumber: 'NRM-2026-000001',
    });
    for (const secret of ['Aysel', 'Leyla', 'AZ21NABZ', 'Nigar']) expect(out).not.toContain(secret);
  });
});
