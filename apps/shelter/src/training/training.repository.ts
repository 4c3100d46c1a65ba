import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Enrolment } from './enrolment.entity.js';
import { TrainingProgramme } from './training-programme.entity.js';

/** Queries of training programmes and enrolments. */
@Injectable()
export class TrainingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a programme; false if its code is taken. */
  async insertProgramme(p: Omit<TrainingProgramme, 'enrolled' | 'createdAt'>): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO "shelter".training_programmes
         (id, code, title, lead_ministry, partner_ngos, funding_sources, region, starts_on, ends_on, seats)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        p.id,
        p.code,
        p.title,
        p.leadMinistry,
        p.partnerNgos,
        p.fundingSources,
        p.region,
        p.startsOn,
        p.endsOn,
        p.seats,
      ],
    );
    return rows.length > 0;
  }

  findProgramme(id: string, em?: EntityManager): Promise<TrainingProgramme | null> {
    return (em ?? this.dataSource.manager).getRepository(TrainingProgramme).findOneBy({ id });
  }

  listProgrammes(): Promise<TrainingProgramme[]> {
    return this.dataSource
      .getRepository(TrainingProgramme)
      .find({ order: { startsOn: 'DESC', code: 'ASC' }, take: 500 });
  }

  /** Takes a seat atomically; false when the programme is full (the CHECK `enrolled <= seats` backs it). */
  async takeSeat(em: EntityManager, programmeId: string): Promise<boolean> {
    const [rows] = await em.query(
      `UPDATE "shelter".training_programmes SET enrolled = enrolled + 1 WHERE id = $1 AND enrolled < seats RETURNING id`,
      [programmeId],
    );
    return (rows as unknown[]).length > 0;
  }

  async freeSeat(em: EntityManager, programmeId: string): Promise<void> {
    await em.query(`UPDATE "shelter".training_programmes SET enrolled = enrolled - 1 WHERE id = $1`, [
      programmeId,
    ]);
  }

  /** Inserts an enrolment; false if the victim is already enrolled (unique index on live enrolments). */
  async insertEnrolment(
    em: EntityManager,
    e: Pick<
      Enrolment,
      'id' | 'programmeId' | 'victimRef' | 'facilityId' | 'consentRecordedAt' | 'enrolledBy'
    >,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO "shelter".enrolments (id, programme_id, victim_ref, facility_id, consent_recorded_at, status, enrolled_by)
       VALUES ($1, $2, $3, $4, $5, 'enrolled', $6)
       ON CONFLICT (programme_id, victim_ref) WHERE status IN ('enrolled', 'completed') DO NOTHING RETURNING id`,
      [e.id, e.programmeId, e.victimRef, e.facilityId, e.consentRecordedAt, e.enrolledBy],
    );
    return rows.length > 0;
  }

  /** Withdraws every live enrolment of a victim; returns the programmes whose seats they held. */
  /** Withdraws every current enrolment of the victim; returns the enrolments withdrawn. */
  async withdrawAllOfVictim(
    em: EntityManager,
    victimRef: string,
  ): Promise<{ id: string; programmeId: string; withdrawnAt: Date }[]> {
    const [rows] = await em.query(
      `UPDATE "shelter".enrolments SET status = 'withdrawn', withdrawn_at = now()
        WHERE victim_ref = $1 AND status = 'enrolled' RETURNING id, programme_id, withdrawn_at`,
      [victimRef],
    );
    return (rows as { id: string; programme_id: string; withdrawn_at: Date }[]).map((r) => ({
      id: r.id,
      programmeId: r.programme_id,
      withdrawnAt: r.withdrawn_at,
    }));
  }

  lockEnrolment(em: EntityManager, id: string): Promise<Enrolment | null> {
    return em.getRepository(Enrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findEnrolment(id: string): Promise<Enrolment | null> {
    return this.dataSource.getRepository(Enrolment).findOneBy({ id });
  }

  async updateEnrolment(em: EntityManager, id: string, changes: Partial<Enrolment>): Promise<void> {
    await em.getRepository(Enrolment).update({ id }, changes);
  }

  listEnrolments(programmeId: string, facilityId?: string): Promise<Enrolment[]> {
    return this.dataSource.getRepository(Enrolment).find({
      where: facilityId ? { programmeId, facilityId } : { programmeId },
      order: { enrolledAt: 'ASC' },
      take: 1000,
    });
  }
}
