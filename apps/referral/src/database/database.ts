import type { DatabaseDefinition } from '#shared';
import { HandoverAttempt } from '../handover/handover-attempt.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { IdempotencyKey } from '../referrals/idempotency-key.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { Victim } from '../referrals/victim.entity.js';
import { DutyShift } from '../roster/duty-shift.entity.js';
import { AccessLogEntry } from '../victims/access-log-entry.entity.js';
import { FacilityAccess } from '../victims/facility-access.entity.js';
import { Consent } from '../consents/consent.entity.js';
import { LegalAidProvider } from '../rights/legal-aid-provider.entity.js';
import { RightsInformation } from '../rights/rights-information.entity.js';
import { ServiceRequest } from '../service-requests/service-request.entity.js';
import { SafetyAssessment } from '../safety/safety-assessment.entity.js';
import { ReturnCase } from '../return/return-case.entity.js';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';
import { CreateReferralTables1764110000000 } from './migrations/1764110000000-CreateReferralTables.js';
import { SeedOrganisations1764110000001 } from './migrations/1764110000001-SeedOrganisations.js';
import { ProtectAuditHistory1764110000002 } from './migrations/1764110000002-ProtectAuditHistory.js';
import { NumberCasesFromSequences1764120000000 } from './migrations/1764120000000-NumberCasesFromSequences.js';
import { AddServiceRequestLifecycle1796228361951 } from './migrations/1796228361951-AddServiceRequestLifecycle.js';
import { AllowReportWithoutPerson1796228878332 } from './migrations/1796228878332-AllowReportWithoutPerson.js';
import { CreateSafetyAssessments1796229368255 } from './migrations/1796229368255-CreateSafetyAssessments.js';
import { CreateReturnCases1796230274795 } from './migrations/1796230274795-CreateReturnCases.js';
import { CloseReferralsAndShredData1796230712331 } from './migrations/1796230712331-CloseReferralsAndShredData.js';
import { VersionFacilityAccess1796314649660 } from './migrations/1796314649660-VersionFacilityAccess.js';
import { RecordConsentGiver1796228565755 } from './migrations/1796228565755-RecordConsentGiver.js';
import { IndexReferralsByDeadline1796315460209 } from './migrations/1796315460209-IndexReferralsByDeadline.js';
import { KeyServiceRequests1796400000000 } from './migrations/1796400000000-KeyServiceRequests.js';

/** The referral schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const referralDatabase: DatabaseDefinition = {
  schema: 'referral',
  entities: [
    Organisation,
    DutyShift,
    Victim,
    Referral,
    IdempotencyKey,
    HandoverAttempt,
    AccessLogEntry,
    FacilityAccess,
    Consent,
    LegalAidProvider,
    RightsInformation,
    ServiceRequest,
    SafetyAssessment,
    ReturnCase,
  ],
  migrations: [
    CreateMessagingTables1764100000000,
    CreateReferralTables1764110000000,
    SeedOrganisations1764110000001,
    ProtectAuditHistory1764110000002,
    NumberCasesFromSequences1764120000000,
    AddServiceRequestLifecycle1796228361951,
    RecordConsentGiver1796228565755,
    AllowReportWithoutPerson1796228878332,
    CreateSafetyAssessments1796229368255,
    CreateReturnCases1796230274795,
    CloseReferralsAndShredData1796230712331,
    VersionFacilityAccess1796314649660,
    IndexReferralsByDeadline1796315460209,
    KeyServiceRequests1796400000000,
  ],
};
