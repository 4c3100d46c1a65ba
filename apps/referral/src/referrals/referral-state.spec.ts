import { REFERRAL_STATUSES } from '../common/vocabulary.js';
import { AWAITING_HANDOVER, AWAITING_HANDOVER_SQL, canTransition } from './referral-state.js';

describe('canTransition', () => {
  it('follows reported → handover_pending → handed_over → decision', () => {
    expect(canTransition('reported', 'handover_pending')).toBe(true);
    expect(canTransition('handover_pending', 'handed_over')).toBe(true);
    expect(canTransition('handed_over', 'identified_victim')).toBe(true);
    expect(canTransition('handed_over', 'not_a_victim')).toBe(true);
  });

  it('R-4.4 never skips the handover to the duty officer', () => {
    expect(canTransition('reported', 'handed_over')).toBe(false);
    expect(canTransition('reported', 'identified_victim')).toBe(false);
    expect(canTransition('handover_pending', 'identified_victim')).toBe(false);
  });

  it('makes decisions final: a decided referral can only be closed', () => {
    for (const to of REFERRAL_STATUSES.filter((s) => s !== 'closed')) {
      expect(canTransition('identified_victim', to)).toBe(false);
      expect(canTransition('not_a_victim', to)).toBe(false);
    }
  });

  it('R-1.3.2 closes a referral from any status, and a closed one never changes again', () => {
    for (const from of REFERRAL_STATUSES.filter((s) => s !== 'closed'))
      expect(canTransition(from, 'closed')).toBe(true);
    for (const to of REFERRAL_STATUSES) expect(canTransition('closed', to)).toBe(false);
  });
});

describe('referral transitions', () => {
  it('R-4.4 a pending handover may be requested again (the next duty officer after a shift change), a completed one never', () => {
    expect(canTransition('handover_pending', 'handover_pending')).toBe(true);
    expect(canTransition('handed_over', 'handover_pending')).toBe(false);
    expect(canTransition('handed_over', 'handed_over')).toBe(false);
    expect(canTransition('reported', 'reported')).toBe(false);
  });

  it('R-4.4 only the duty officer’s unit decides, and only after the handover', () => {
    for (const decision of ['identified_victim', 'not_a_victim'] as const) {
      expect(canTransition('handed_over', decision)).toBe(true);
      expect(canTransition('reported', decision)).toBe(false);
      expect(canTransition('handover_pending', decision)).toBe(false);
    }
    expect(canTransition('identified_victim', 'not_a_victim')).toBe(false);
    expect(canTransition('not_a_victim', 'identified_victim')).toBe(false);
  });

  it('never goes back: no status returns to reported, and a handed-over referral never returns to pending', () => {
    for (const from of REFERRAL_STATUSES) expect(canTransition(from, 'reported')).toBe(false);
    for (const from of ['handed_over', 'identified_victim', 'not_a_victim', 'closed'] as const)
      expect(canTransition(from, 'handover_pending')).toBe(false);
  });

  it('R-4.2 the 24-hour handover clock runs while the referral is reported or its handover pending, and stops at the handover', () => {
    expect([...AWAITING_HANDOVER].sort()).toEqual(['handover_pending', 'reported']);
    // The deadline scans name the same statuses in SQL (as literals, so that their partial indexes apply).
    expect(AWAITING_HANDOVER_SQL).toBe("'reported', 'handover_pending'");
  });
});
