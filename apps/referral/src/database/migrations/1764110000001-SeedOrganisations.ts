import type { MigrationInterface, QueryRunner } from 'typeorm';

// @clause the fourteen commission bodies, the special police unit, the Fund and the National Coordinator are seeded
/** The organisations every deployment has (docs/architecture.md, "Organisation codes"; ). */
const SEED: [code: string, name: string, kind: string][] = [
  // The 14 bodies of the interagency commission.
  ['MIA', 'Ministry of Internal Affairs', 'commission_body'],
  ['MNS', 'Ministry of National Security', 'commission_body'],
  ['MOE', 'Ministry of Education', 'commission_body'],
  ['MOH', 'Ministry of Health', 'commission_body'],
  ['MOJ', 'Ministry of Justice', 'commission_body'],
  ['MFA', 'Ministry of Foreign Affairs', 'commission_body'],
  ['MLSPP', 'Ministry of Labour and Social Protection of Population', 'commission_body'],
  ['MYS', 'Ministry of Youth and Sports', 'commission_body'],
  ['MCT', 'Ministry of Culture and Tourism', 'commission_body'],
  ['PGO', "Prosecutor General's Office", 'commission_body'],
  ['SCC', 'State Customs Committee', 'commission_body'],
  ['SCFWCA', "State Committee for Family, Women and Children's Affairs", 'commission_body'],
  ['SBS', 'State Border Service', 'commission_body'],
  ['SMS', 'State Migration Service', 'commission_body'],
  [
    'MIA-SPU',
    'Special police unit on combating trafficking (Ministry of Internal Affairs)',
    'special_police_unit',
  ],
  ['FUND', 'Assistance Fund for Victims of Human Trafficking', 'fund'],
  ['NC', 'National Coordinator for combating trafficking', 'coordinator'],
];

export class SeedOrganisations1764110000001 implements MigrationInterface {
  name = 'SeedOrganisations1764110000001';

  async up(q: QueryRunner): Promise<void> {
    const values: string[] = [];
    const params: string[] = [];
    SEED.forEach(([code, name, kind], i) => {
      values.push(`($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
      params.push(code, name, kind);
    });
    await q.query(
      `INSERT INTO "referral".organisations (code, name, kind) VALUES ${values.join(', ')} ON CONFLICT (code) DO NOTHING`,
      params,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Organisations that referrals point to stay: removing them would orphan those referrals.
    await q.query(
      `DELETE FROM "referral".organisations o WHERE o.code = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM "referral".referrals r WHERE r.reporting_org = o.code)`,
      [SEED.map(([code]) => code)],
    );
  }
}
