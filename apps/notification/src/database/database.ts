import type { DatabaseDefinition } from '#shared';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';

/** The notification schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const notificationDatabase: DatabaseDefinition = {
  schema: 'notification',
  entities: [],
  migrations: [CreateMessagingTables1764100000000],
};
