import { applyItemChange, checkAgreement, isValidResponsible } from './plan-rules.js';

describe('plan rules', () => {
  it('R-6.5 refuses to schedule an item the victim declined', () => {
    expect(checkAgreement({ status: 'scheduled', victimAgreement: 'declined' })?.code).toBe(
      'consent-required',
    );
  });

  it('R-6.5 refuses to mark in progress an item the victim has not agreed to', () => {
    expect(checkAgreement({ status: 'in_progress', victimAgreement: 'pending' })?.code).toBe(
      'consent-required',
    );
  });

  it('R-6.5 allows proposing any item and applying an agreed one', () => {
    expect(checkAgreement({ status: 'proposed', victimAgreement: 'declined' })).toBeUndefined();
    expect(checkAgreement({ status: 'in_progress', victimAgreement: 'agreed' })).toBeUndefined();
  });

  it('R-6.5 cancels a measure under way when the victim withdraws agreement', () => {
    expect(
      applyItemChange({ status: 'in_progress', victimAgreement: 'agreed' }, { victimAgreement: 'declined' }),
    ).toEqual({
      status: 'cancelled',
      victimAgreement: 'declined',
    });
  });

  it('ignores fields a change leaves undefined', () => {
    expect(
      applyItemChange(
        { status: 'scheduled', victimAgreement: 'agreed' },
        { status: undefined, victimAgreement: 'agreed' },
      ),
    ).toEqual({
      status: 'scheduled',
      victimAgreement: 'agreed',
    });
  });

  it('keeps a finished measure as done, so agreement to it cannot be withdrawn afterwards', () => {
    const next = applyItemChange(
      { status: 'done', victimAgreement: 'agreed' },
      { victimAgreement: 'declined' },
    );
    expect(next.status).toBe('done');
    expect(checkAgreement(next)?.code).toBe('consent-required');
  });

  it('R-6.8 accepts an NGO or a state body as the responsible organisation', () => {
    expect(isValidResponsible('agency', 'MLSPP')).toBe(true);
    expect(isValidResponsible('ngo', 'CLEAN-WORLD')).toBe(true);
    expect(isValidResponsible('agency', 'CLEAN-WORLD')).toBe(false);
    expect(isValidResponsible('ngo', 'MOH')).toBe(false);
  });
});
