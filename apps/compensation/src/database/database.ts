import type { DatabaseDefinition } from '#shared';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';

/** The compensation schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const compensationDatabase: DatabaseDefinition = {
  schema: 'compensation',
  entities: [],
  migrations: [CreateMessagingTables1764100000000],
};
