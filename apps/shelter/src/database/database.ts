import type { DatabaseDefinition } from '#shared';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';

/** The shelter schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const shelterDatabase: DatabaseDefinition = {
  schema: 'shelter',
  entities: [],
  migrations: [CreateMessagingTables1764100000000],
};
