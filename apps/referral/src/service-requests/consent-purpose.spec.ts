import { CONSENT_FOR_SERVICE } from './consent-purpose.js';

describe('CONSENT_FOR_SERVICE', () => {
  it('R-3.3 asks medical_examination consent for medical aid, and the matching consent for every other service', () => {
    expect(CONSENT_FOR_SERVICE).toEqual({
      shelter: 'shelter_placement',
      medical: 'medical_examination',
      psychological: 'psychological_aid',
      legal_aid: 'legal_aid',
      rehabilitation: 'rehabilitation',
    });
  });
});
