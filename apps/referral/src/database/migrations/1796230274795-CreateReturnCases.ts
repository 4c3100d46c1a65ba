import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foreign victims' return to their country (R-1.2): one case per victim, the victim's wish, the country,
 * the kinds of travel documents needed (codes, no numbers) and the status. `announced` records whether
 * MFA and SMS were told: only once the victim wished to return.
 */
export class CreateReturnCases1796230274795 implements MigrationInterface {
  name = 'CreateReturnCases1796230274795';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "referral".return_cases (
        id uuid PRIMARY KEY,
        victim_id uuid NOT NULL UNIQUE REFERENCES "referral".victims (id),
        wish text NOT NULL CHECK (wish IN ('return', 'stay', 'undecided')),
        destination_country text NOT NULL CHECK (destination_country ~ '^[A-Z]{2}$' AND destination_country <> 'AZ'),
        documents_needed text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('requested', 'documents_ready', 'travel_arranged', 'returned', 'cancelled')),
        announced boolean NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        -- R-1.2: no step towards a return the victim does not wish
        CONSTRAINT return_cases_progress_only_if_wished CHECK (status IN ('requested', 'cancelled') OR wish = 'return')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "referral".return_cases`);
  }
}
