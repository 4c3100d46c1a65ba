import { randomBytes } from 'node:crypto';
import { BlindIndex, canonicalJson, normaliseName } from './blind-index.js';

describe(BlindIndex.name, () => {
  const index = new BlindIndex(randomBytes(32));

  it('normalises case, diacritics, punctuation and spaces', () => {
    expect(normaliseName('  Gülnarə   HƏSƏNOVA ')).toBe('gulnarə həsənova');
    expect(normaliseName('Élodie-Anne')).toBe('elodie anne');
  });

  it('gives the same index for the same person written differently, and another for another birth date', () => {
    const a = index.person('Gülnarə', 'Həsənova', '2003-04-05');
    expect(index.person(' GULNARƏ ', 'HƏSƏNOVA', '2003-04-05')).toBe(a);
    expect(index.person('Gülnarə', 'Həsənova', '2003-04-06')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R-1.3.2 depends on the key: another key gives unrelated values', () => {
    expect(new BlindIndex(randomBytes(32)).person('A', 'B', '2000-01-01')).not.toBe(
      index.person('A', 'B', '2000-01-01'),
    );
  });

  it('hashes requests independently of key order', () => {
    expect(index.request({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      index.request({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(index.request({ a: 1 })).not.toBe(index.request({ a: 2 }));
    expect(canonicalJson({ b: 1, a: undefined, c: null })).toBe('{"b":1,"c":null}');
  });
});
