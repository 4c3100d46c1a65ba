import { PAYOUT_STATUSES, statesLeadingTo, transitionEffect } from './payout-state.js';

describe('payout state machine', () => {
  it('R-3.10 bank transfers go pending_approval → approved → sent → settled | failed, settled → returned', () => {
    expect(transitionEffect('pending_approval', 'approved')).toBe('reserve');
    expect(transitionEffect('approved', 'sent')).toBe('none');
    expect(transitionEffect('sent', 'settled')).toBe('pay');
    expect(transitionEffect('sent', 'failed')).toBe('release');
    expect(transitionEffect('settled', 'returned')).toBe('refund');
  });

  it('R-3.10 cash goes approved → disbursed', () => {
    expect(transitionEffect('approved', 'disbursed')).toBe('pay');
  });

  it('never pays twice: no state is reachable again and terminal states lead nowhere', () => {
    expect(transitionEffect('settled', 'settled')).toBeUndefined();
    expect(transitionEffect('disbursed', 'disbursed')).toBeUndefined();
    expect(transitionEffect('pending_approval', 'settled')).toBeUndefined();
    for (const s of ['failed', 'returned', 'disbursed'] as const) {
      for (const t of PAYOUT_STATUSES) expect(transitionEffect(s, t)).toBeUndefined();
    }
    // Each payment effect is reachable from exactly one kind of step, so a payout can be paid once.
    expect(statesLeadingTo('settled')).toEqual(['sent']);
    expect(statesLeadingTo('disbursed')).toEqual(['approved']);
  });
});
