import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SafetyAssessment } from './safety-assessment.entity.js';

@Injectable()
export class SafetyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the assessment in force (a new one replaces it); returns its version. */
  async upsert(em: EntityManager, a: Omit<SafetyAssessment, 'version'>): Promise<number> {
    const rows: { version: number }[] = await em.query(
      `INSERT INTO "referral".safety_assessments
         (victim_id, risk_level, threats_enc, measures_enc, restrict_disclosure, assessed_by, assessed_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (victim_id) DO UPDATE SET risk_level = excluded.risk_level, threats_enc = excluded.threats_enc,
         measures_enc = excluded.measures_enc, restrict_disclosure = excluded.restrict_disclosure,
         assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at,
         version = "referral".safety_assessments.version + 1
       RETURNING version`,
      [
        a.victimId,
        a.riskLevel,
        a.threatsEnc,
        a.measuresEnc,
        a.restrictDisclosure,
        a.assessedBy,
        a.assessedAt,
      ],
    );
    return rows[0].version;
  }

  find(victimId: string): Promise<SafetyAssessment | null> {
    return this.dataSource.getRepository(SafetyAssessment).findOne({ where: { victimId } });
  }
}
