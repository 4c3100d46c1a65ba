import type { DatabaseDefinition } from '#shared';
import { CreateMessagingTables1796228000000 } from './migrations/1796228000000-CreateMessagingTables.js';
import { CreateReadModel1796228300000 } from './migrations/1796228300000-CreateReadModel.js';
import { CreateRehabilitationAndClaims1796233500000 } from './migrations/1796233500000-CreateRehabilitationAndClaims.js';

/** The reporting schema: the read model is written with SQL upserts, so no entities are mapped. */
export const reportingDatabase: DatabaseDefinition = {
  schema: 'reporting',
  entities: [],
  migrations: [
    CreateMessagingTables1796228000000,
    CreateReadModel1796228300000,
    CreateRehabilitationAndClaims1796233500000,
  ],
};
