import { REFERRAL_STATUSES } from '../common/vocabulary.js';
import { canTransition } from './referral-state.js';

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
