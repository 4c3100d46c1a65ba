import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '#shared';

export class CreateMessagingTables1764100000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'shelter');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'shelter');
  }
}
