import type { DatabaseDefinition } from '#shared';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';

/** The referral schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const referralDatabase: DatabaseDefinition = {
  schema: 'referral',
  entities: [],
  migrations: [CreateMessagingTables1764100000000],
};
