import { isAzerbaijaniIban, normaliseIban } from './iban.js';

describe('isAzerbaijaniIban', () => {
  it('R-3.10 accepts a valid Azerbaijani IBAN, also written with spaces and in lower case', () => {
    expect(isAzerbaijaniIban(normaliseIban('AZ21NABZ00000000137010001944'))).toBe(true);
    expect(isAzerbaijaniIban(normaliseIban('az21 nabz 0000 0000 1370 1000 1944'))).toBe(true);
  });

  it('R-3.10 refuses a wrong checksum, a wrong length and a foreign IBAN', () => {
    expect(isAzerbaijaniIban(normaliseIban('AZ22NABZ00000000137010001944'))).toBe(false);
    expect(isAzerbaijaniIban(normaliseIban('AZ21NABZ0000000013701000194'))).toBe(false);
    expect(isAzerbaijaniIban(normaliseIban('DE89370400440532013000'))).toBe(false);
    expect(isAzerbaijaniIban(normaliseIban(''))).toBe(false);
  });
});
