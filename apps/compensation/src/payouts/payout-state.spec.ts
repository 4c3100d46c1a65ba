import { mayTransition, PAYOUT_STATUSES, statesLeadingTo, transitionEffect, type PayoutStatus } from './payout-state.js';

describe('payout state machine', () => {
  it('R-3.10 bank transfers go pending_approval → approved → sent → settled, with failure and return', () => {
    expect(transitionEffect('pending_approval', 'approved')).toBe('reserve');
    expect(transitionEffect('approved', 'sent')).toBe('none');
    expect(transitionEffect('sent', 'settled')).toBe('pay');
    expect(transitionEffect('sent', 'failed')).toBe('release');
    expect(transitionEffect('failure_requested', 'failed')).toBe('release');
    expect(transitionEffect('settled', 'returned')).toBe('refund');
    expect(transitionEffect('return_requested', 'returned')).toBe('refund');
  });

  it('R-3.10 cash goes approved → disbursed', () => {
    expect(transitionEffect('approved', 'disbursed')).toBe('pay');
    expect(mayTransition('approved', 'disbursed', 'officer')).toBe(true);
  });

  it('R-3.8 after its file was issued, one person alone can only request a failure or a return', () => {
    expect(mayTransition('sent', 'failed', 'officer')).toBe(false);
    expect(mayTransition('settled', 'returned', 'officer')).toBe(false);
    expect(mayTransition('failure_requested', 'failed', 'officer')).toBe(false);
    expect(mayTransition('return_requested', 'returned', 'officer')).toBe(false);
    expect(mayTransition('sent', 'failure_requested', 'officer')).toBe(true);
    expect(mayTransition('settled', 'return_requested', 'officer')).toBe(true);
    // A request can only be confirmed by a second person or overtaken by the bank's own report.
    expect(mayTransition('failure_requested', 'failed', 'confirmation')).toBe(true);
    expect(mayTransition('return_requested', 'returned', 'confirmation')).toBe(true);
    expect(mayTransition('sent', 'failed', 'bank_report')).toBe(true);
    expect(mayTransition('settled', 'returned', 'bank_report')).toBe(true);
    expect(mayTransition('sent', 'failed', 'confirmation')).toBe(false);
  });

  it('R-3.8 a rejected request moves no money, and a request moves none either', () => {
    expect(transitionEffect('sent', 'failure_requested')).toBe('none');
    expect(transitionEffect('settled', 'return_requested')).toBe('none');
    expect(transitionEffect('failure_requested', 'sent')).toBe('none');
    expect(transitionEffect('return_requested', 'settled')).toBe('none');
  });

  it('R-3.10 before the file is issued one person may reject a pending payout or cancel an approved one; only an approver approves', () => {
    expect(mayTransition('pending_approval', 'failed', 'officer')).toBe(true);
    expect(mayTransition('approved', 'failed', 'officer')).toBe(true);
    expect(mayTransition('pending_approval', 'approved', 'officer')).toBe(false);
    expect(mayTransition('pending_approval', 'approved', 'approval')).toBe(true);
  });

  it('never pays twice: terminal states lead nowhere and each payment effect has one way in per path', () => {
    expect(transitionEffect('settled', 'settled')).toBeUndefined();
    expect(transitionEffect('disbursed', 'disbursed')).toBeUndefined();
    expect(transitionEffect('pending_approval', 'settled')).toBeUndefined();
    for (const s of ['failed', 'returned', 'disbursed'] as const) {
      for (const t of PAYOUT_STATUSES) expect(transitionEffect(s, t)).toBeUndefined();
    }
    expect(statesLeadingTo('settled').sort()).toEqual(['failure_requested', 'return_requested', 'sent']);
    // Back from a return request to settled pays nothing again.
    expect(transitionEffect('return_requested', 'settled')).toBe('none');
    expect(statesLeadingTo('disbursed')).toEqual(['approved']);
    // Every path into a state with `pay` starts where nothing was paid yet.
    const paidBefore: PayoutStatus[] = ['settled', 'return_requested', 'disbursed', 'returned'];
    for (const from of PAYOUT_STATUSES) for (const to of PAYOUT_STATUSES) if (transitionEffect(from, to) === 'pay') expect(paidBefore).not.toContain(from);
  });
});
