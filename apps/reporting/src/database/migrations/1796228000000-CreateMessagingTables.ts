import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '#shared';

export class CreateMessagingTables1796228000000 implements MigrationInterface {
  name = 'CreateMessagingTables1796228000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'reporting');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'reporting');
  }
}
