import type { ConsentPurpose, ServiceKind } from '#shared';

/**
 * The consent each service needs.: a medical examination only with `medical_examination`
 * consent; psychological aid, R-6.1/R-6.5 shelter and rehabilitation only at the victim's request.
 */
// @clause the consent each service needs
export const CONSENT_FOR_SERVICE: Record<ServiceKind, ConsentPurpose> = {
  shelter: 'shelter_placement',
  medical: 'medical_examination',
  psychological: 'psychological_aid',
  legal_aid: 'legal_aid',
  rehabilitation: 'rehabilitation',
};
