import { decisionKey, decisionsInForce, type DecisionLink } from './court-decision-rules.js';

const d = (id: string, o: Partial<DecisionLink> = {}): DecisionLink => ({
  id,
  supersedesId: null,
  confirmed: true,
  awardedMinor: 100,
  fundPaymentOrdered: true,
  ...o,
});

describe('decisionKey', () => {
  it('R-3.8 gives a re-typed court or decision number the same key: spacing, case, punctuation, NFKC', () => {
    const court = decisionKey('Baku Grave Crimes Court');
    for (const variant of [
      'Baku Grave Crimes Court ',
      ' baku  grave crimes court',
      'BAKU GRAVE-CRIMES COURT',
      'Baku Grave Crimes Court.',
      'Ｂａｋｕ Grave Crimes Court',
      'Baku\u00a0Grave\tCrimes Court',
    ]) {
      expect(decisionKey(variant)).toBe(court);
    }
    expect(decisionKey('1-123/2026')).toBe(decisionKey('1 – 123 / 2026'));
    expect(decisionKey('1-123/2026')).toBe(decisionKey('１-１２３/２０２６'));
    expect(decisionKey('BAKI')).toBe(decisionKey('Bakı'));
    expect(decisionKey('İsmayıllı')).toBe(decisionKey('ISMAYILLI'));
  });

  it('keeps different decisions apart: separators are not dropped', () => {
    expect(decisionKey('1-123/2026')).not.toBe(decisionKey('11-23/2026'));
    expect(decisionKey('Sumgait Court')).not.toBe(decisionKey('Baku Court'));
    expect(decisionKey(' .-/ ')).toBe('');
  });
});

describe('decisionsInForce', () => {
  it('R-3.8 counts only confirmed decisions', () => {
    expect(decisionsInForce([d('a', { confirmed: false })])).toEqual([]);
    expect(decisionsInForce([d('a'), d('b', { confirmed: false })]).map((x) => x.id)).toEqual(['a']);
  });

  it('R-3.8 of a chain of appeals only the latest confirmed decision is in force, never a sum', () => {
    const chain = [
      d('first', { awardedMinor: 800 }),
      d('appeal', { supersedesId: 'first', awardedMinor: 500 }),
    ];
    expect(decisionsInForce(chain).map((x) => x.id)).toEqual(['appeal']);
    const pendingAppeal = [d('first'), d('appeal', { supersedesId: 'first', confirmed: false })];
    expect(decisionsInForce(pendingAppeal).map((x) => x.id)).toEqual(['first']);
    const three = [d('a'), d('b', { supersedesId: 'a', confirmed: false }), d('c', { supersedesId: 'b' })];
    expect(decisionsInForce(three).map((x) => x.id)).toEqual(['c']);
    const unconfirmedTail = [d('a', { confirmed: false }), d('b', { supersedesId: 'a', confirmed: false })];
    expect(decisionsInForce(unconfirmedTail)).toEqual([]);
  });

  it('R-3.8 separate decisions (separate chains) each count once', () => {
    expect(
      decisionsInForce([d('a'), d('b'), d('c', { supersedesId: 'a' })])
        .map((x) => x.id)
        .sort(),
    ).toEqual(['b', 'c']);
  });
});
