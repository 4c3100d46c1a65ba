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

  it('makes decisions final', () => {
    for (const to of REFERRAL_STATUSES) {
      expect(canTransition('identified_victim', to)).toBe(false);
      expect(canTransition('not_a_victim', to)).toBe(false);
    }
  });
});
