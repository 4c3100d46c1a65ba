import {
  COMMITTED_STATUSES,
  mayTransition,
  PAID_STATUSES,
  PAYOUT_STATUSES,
  PENDING_STATUSES,
  REQUEST_STATES,
  statesLeadingTo,
  transitionEffect,
  type PayoutStatus,
} from './payout-state.js';

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
    for (const from of PAYOUT_STATUSES)
      for (const to of PAYOUT_STATUSES)
        if (transitionEffect(from, to) === 'pay') expect(paidBefore).not.toContain(from);
  });
});

describe('payout state machine: who may make each step', () => {
  /** Every legal step, its ledger effect and who may make it; nothing else is allowed. */
  const STEPS: [PayoutStatus, PayoutStatus, string, string[]][] = [
    ['pending_approval', 'approved', 'reserve', ['approval']],
    ['pending_approval', 'failed', 'none', ['officer', 'bank_report', 'confirmation']],
    ['approved', 'sent', 'none', ['officer']],
    ['approved', 'failed', 'release', ['officer', 'bank_report', 'confirmation']],
    ['approved', 'disbursed', 'pay', ['officer']],
    ['sent', 'settled', 'pay', ['officer', 'bank_report', 'confirmation']],
    ['sent', 'failure_requested', 'none', ['officer']],
    ['sent', 'failed', 'release', ['bank_report']],
    ['failure_requested', 'failed', 'release', ['bank_report', 'confirmation']],
    ['failure_requested', 'sent', 'none', ['officer']],
    ['failure_requested', 'settled', 'pay', ['bank_report']],
    ['settled', 'return_requested', 'none', ['officer']],
    ['settled', 'returned', 'refund', ['bank_report']],
    ['return_requested', 'returned', 'refund', ['bank_report', 'confirmation']],
    ['return_requested', 'settled', 'none', ['officer']],
  ];
  const AUTHORITIES = ['officer', 'approval', 'bank_report', 'confirmation'] as const;

  it('R-3.10 allows exactly the steps of the bank and cash paths, each with its ledger effect', () => {
    for (const from of PAYOUT_STATUSES)
      for (const to of PAYOUT_STATUSES) {
        const step = STEPS.find(([f, t]) => f === from && t === to);
        expect([from, to, transitionEffect(from, to)]).toEqual([from, to, step?.[2]]);
      }
  });

  it('R-3.8 lets each step be made only on the word it needs (approval, one officer, the bank, or four eyes)', () => {
    for (const from of PAYOUT_STATUSES)
      for (const to of PAYOUT_STATUSES)
        for (const by of AUTHORITIES) {
          const step = STEPS.find(([f, t]) => f === from && t === to);
          expect([from, to, by, mayTransition(from, to, by)]).toEqual([
            from,
            to,
            by,
            step?.[3].includes(by) ?? false,
          ]);
        }
  });

  it('R-3.8 a request for a failure or a return is made by one officer, confirmed by a second person, or withdrawn back', () => {
    for (const kind of ['fail', 'return'] as const) {
      const { requested, done, back } = REQUEST_STATES[kind];
      expect(mayTransition(back, requested, 'officer')).toBe(true);
      expect(mayTransition(requested, done, 'confirmation')).toBe(true);
      expect(mayTransition(requested, done, 'officer')).toBe(false);
      expect(mayTransition(requested, back, 'officer')).toBe(true);
      expect(transitionEffect(requested, back)).toBe('none');
    }
    expect(REQUEST_STATES.fail).toEqual({ requested: 'failure_requested', done: 'failed', back: 'sent' });
    expect(REQUEST_STATES.return).toEqual({
      requested: 'return_requested',
      done: 'returned',
      back: 'settled',
    });
  });

  it("R-3.8 counts pending, reserved and paid payouts against a claim's cap, and frees it when a payout fails or is returned", () => {
    expect([...PAID_STATUSES].sort()).toEqual(['disbursed', 'return_requested', 'settled']);
    expect([...PENDING_STATUSES].sort()).toEqual([
      'approved',
      'failure_requested',
      'pending_approval',
      'sent',
    ]);
    expect([...COMMITTED_STATUSES].sort()).toEqual([...PAID_STATUSES, ...PENDING_STATUSES].sort());
    for (const freed of ['failed', 'returned'] as const) expect(COMMITTED_STATUSES).not.toContain(freed);
    // Every state is either committed or freed: none is forgotten by the cap.
    expect(PAYOUT_STATUSES.filter((s) => !COMMITTED_STATUSES.includes(s)).sort()).toEqual([
      'failed',
      'returned',
    ]);
  });
});
