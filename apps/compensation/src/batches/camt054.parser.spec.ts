import { Camt054Error, parseCamt054 } from './camt054.parser.js';
import { camt054 } from '../../test/support/bank-reports.js';

describe('parseCamt054', () => {
  it('reads returned credit transfers with end-to-end id, amount, reason and booking status', () => {
    const r = parseCamt054(
      camt054({
        msgId: 'NTF-1',
        iban: 'AZ21NABZ00000000137010001944',
        returns: [
          { e2e: 'abc', amount: '80.05', reason: 'AC04' },
          { e2e: 'def', amount: '1', status: 'PDNG' },
        ],
      }),
    );
    expect(r).toEqual({
      messageId: 'NTF-1',
      accounts: ['AZ21NABZ00000000137010001944'],
      returns: [
        { endToEndId: 'abc', amountMinor: 8005, currency: 'AZN', reason: 'AC04', booked: true },
        { endToEndId: 'def', amountMinor: 100, currency: 'AZN', booked: false },
      ],
    });
  });

  it('refuses DTDs, other documents, debits reported as returns and malformed amounts', () => {
    expect(() => parseCamt054('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(Camt054Error);
    expect(() => parseCamt054('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"/>')).toThrow(
      Camt054Error,
    );
    expect(() => parseCamt054('not xml <')).toThrow(Camt054Error);
    expect(() =>
      parseCamt054(camt054({ msgId: 'M', iban: 'X', returns: [{ e2e: 'a', amount: '1.00', ind: 'DBIT' }] })),
    ).toThrow(/credit/);
    expect(() =>
      parseCamt054(camt054({ msgId: 'M', iban: 'X', returns: [{ e2e: 'a', amount: '1.001' }] })),
    ).toThrow(/amount/);
  });
});
