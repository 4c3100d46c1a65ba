import { isAzerbaijaniIban, isValidAnyIban, isValidBic, normaliseBic, normaliseIban } from './iban.js';

describe('IBAN and BIC', () => {
  it('R-3.10 accepts a valid Azerbaijani IBAN, also written with spaces and in lower case', () => {
    expect(isAzerbaijaniIban(normaliseIban('AZ21NABZ00000000137010001944'))).toBe(true);
    expect(isAzerbaijaniIban(normaliseIban('az21 nabz 0000 0000 1370 1000 1944'))).toBe(true);
  });

  it('R-3.10 accepts a valid foreign IBAN as an account, but not as a domestic one', () => {
    expect(isValidAnyIban(normaliseIban('DE89 3704 0044 0532 0130 00'))).toBe(true);
    expect(isAzerbaijaniIban(normaliseIban('DE89370400440532013000'))).toBe(false);
  });

  it('R-3.10 refuses a wrong checksum, a wrong length and an empty IBAN', () => {
    expect(isValidAnyIban(normaliseIban('AZ22NABZ00000000137010001944'))).toBe(false);
    expect(isValidAnyIban(normaliseIban('AZ21NABZ0000000013701000194'))).toBe(false);
    expect(isValidAnyIban(normaliseIban('DE88370400440532013000'))).toBe(false);
    expect(isValidAnyIban(normaliseIban(''))).toBe(false);
  });

  it('R-3.10 validates a BIC (ISO 9362, 8 or 11 characters, a real country code)', () => {
    expect(isValidBic(normaliseBic('cobadeff xxx'))).toBe(true);
    expect(isValidBic('NABZAZ2X')).toBe(true);
    expect(isValidBic('COBADEF')).toBe(false);
    expect(isValidBic('COBAQQFFXXX')).toBe(false);
    expect(isValidBic('CO1ADEFF')).toBe(false);
  });
});
