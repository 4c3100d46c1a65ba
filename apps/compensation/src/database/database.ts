import type { DatabaseDefinition } from '#shared';
import { PayoutBatch } from '../batches/payout-batch.entity.js';
import { Claim } from '../claims/claim.entity.js';
import { CourtDecision, CourtDecisionConfirmation } from '../claims/court-decision.entity.js';
import { Recovery } from '../claims/recovery.entity.js';
import { JournalEntry, JournalLine, LedgerAccount } from '../ledger/ledger.entities.js';
import { PaymentDataAccess } from '../payment-data/payment-data-access.entity.js';
import {
  Payout,
  PayoutChangeDecision,
  PayoutChangeRequest,
  PayoutTransition,
} from '../payouts/payout.entity.js';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';
import { CreateClaimsAndLedger1764200000000 } from './migrations/1764200000000-CreateClaimsAndLedger.js';
import { CreatePayouts1764200001000 } from './migrations/1764200001000-CreatePayouts.js';
import { AddPayoutChangeRequests1796228237796 } from './migrations/1796228237796-AddPayoutChangeRequests.js';
import { ProtectAuditTables1796230261288 } from './migrations/1796230261288-ProtectAuditTables.js';
import { ConfirmCourtDecisions1796230018621 } from './migrations/1796230018621-ConfirmCourtDecisions.js';
import { RecordPaymentChoice1796233953175 } from './migrations/1796233953175-RecordPaymentChoice.js';

/** The compensation schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const compensationDatabase: DatabaseDefinition = {
  schema: 'compensation',
  entities: [
    Claim,
    CourtDecision,
    CourtDecisionConfirmation,
    Recovery,
    LedgerAccount,
    JournalEntry,
    JournalLine,
    Payout,
    PayoutTransition,
    PayoutChangeRequest,
    PayoutChangeDecision,
    PayoutBatch,
    PaymentDataAccess,
  ],
  migrations: [
    CreateMessagingTables1764100000000,
    CreateClaimsAndLedger1764200000000,
    CreatePayouts1764200001000,
    AddPayoutChangeRequests1796228237796,
    ConfirmCourtDecisions1796230018621,
    ProtectAuditTables1796230261288,
    RecordPaymentChoice1796233953175,
  ],
};
