import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ShelterTrainingChanged,
  UnitOfWork,
  commonErrors,
  type EnrolmentStatus,
  type Principal,
  type Transaction,
} from '#shared';
import { VictimConsentsRepository } from '../consent/victim-consents.repository.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import type { CreateProgrammeDto } from './dto/create-programme.dto.js';
import type { EnrolDto } from './dto/enrol.dto.js';
import type { EnrolmentResponse, ProgrammeResponse } from './dto/training.response.js';
import type { Enrolment } from './enrolment.entity.js';
import type { TrainingProgramme } from './training-programme.entity.js';
import { trainingErrors } from './training.errors.js';
import { toEnrolmentResponse, toProgrammeResponse } from './training.mapper.js';
import { TrainingRepository } from './training.repository.js';

/**
 * Labour-market training programmes run by the Ministries of Education or of Labour and Social
 * Protection with NGOs, and the enrolment of victims, only with their consent.
 * The consent is the victim's own, as recorded in the referral service's register (the local view of
 * `victim.consent.changed`); the enrolment keeps when it was given.
 */
@Injectable()
export class TrainingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly training: TrainingRepository,
    private readonly facilities: FacilitiesService,
    private readonly consents: VictimConsentsRepository,
  ) {}

  // @clause labour-market training led by the Ministry of Education or of Labour and Social Protection
  async createProgramme(dto: CreateProgrammeDto): Promise<ProgrammeResponse> {
    if (dto.startsOn > dto.endsOn) {
      throw commonErrors.error('validation-failed', 'Invalid fields: endsOn', [
        { field: 'endsOn', message: 'must not be before startsOn' },
      ]);
    }
    const id = randomUUID();
    const inserted = await this.training.insertProgramme({
      id,
      code: dto.code,
      title: dto.title,
      // led by the Ministry of Education or of Labour and Social Protection (the DTO admits only these).
      leadMinistry: dto.leadMinistry,
      partnerNgos: dto.partnerNgos,
      // funded by the state budget and other lawful sources.
      fundingSources: dto.fundingSources ?? ['state_budget'],
      region: dto.region,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      seats: dto.seats,
    });
    if (!inserted)
      throw trainingErrors.error('programme-code-taken', 'A programme with this code already exists');
    return this.getProgramme(id);
  }

  async getProgramme(id: string): Promise<ProgrammeResponse> {
    return toProgrammeResponse(await this.requireProgramme(id));
  }

  async listProgrammes(): Promise<ProgrammeResponse[]> {
    return (await this.training.listProgrammes()).map(toProgrammeResponse);
  }

  // @clause enrolment only with the victim's consent
  async enrol(programmeId: string, dto: EnrolDto, user: Principal): Promise<EnrolmentResponse> {
    const facility = await this.facilities.facilityOfStaff(user);
    const programme = await this.requireProgramme(programmeId);
    if (programme.endsOn < new Date().toISOString().slice(0, 10)) {
      throw trainingErrors.error('programme-ended', 'The programme has ended');
    }
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      // @clause enrolment only with the victim's current granted consent to rehabilitation (no tick-box set by staff)
      const consentedAt = await this.consents.grantedAt(tx.em, dto.victimRef, 'rehabilitation');
      if (consentedAt === null) {
        throw trainingErrors.error(
          'consent-required',
          "Enrolment needs the victim's current consent to rehabilitation, recorded in the referral service",
        );
      }
      const inserted = await this.training.insertEnrolment(tx.em, {
        id,
        programmeId,
        victimRef: dto.victimRef,
        facilityId: facility.id,
        consentRecordedAt: consentedAt,
        enrolledBy: user.sub,
      });
      if (!inserted)
        throw trainingErrors.error('already-enrolled', 'The victim is already enrolled in this programme');
      if (!(await this.training.takeSeat(tx.em, programmeId)))
        throw trainingErrors.error('programme-full', 'No seat is left');
      publishEnrolment(tx, { id, programmeId, victimRef: dto.victimRef }, programme, 'enrolled', new Date());
    });
    return toEnrolmentResponse((await this.training.findEnrolment(id))!);
  }

  async listEnrolments(programmeId: string, user: Principal): Promise<EnrolmentResponse[]> {
    await this.requireProgramme(programmeId);
    const facilityId =
      user.role === 'facility_staff' ? (await this.facilities.facilityOfStaff(user)).id : undefined;
    return (await this.training.listEnrolments(programmeId, facilityId)).map(toEnrolmentResponse);
  }

  /** Completion of the programme by the victim. */
  complete(programmeId: string, enrolmentId: string, user: Principal): Promise<EnrolmentResponse> {
    return this.transition(programmeId, enrolmentId, user, 'completed');
  }

  /** the victim may leave a programme at any time; the seat is freed. */
  withdraw(programmeId: string, enrolmentId: string, user: Principal): Promise<EnrolmentResponse> {
    return this.transition(programmeId, enrolmentId, user, 'withdrawn');
  }

  /** consent to rehabilitation withdrawn: the victim leaves every programme and the seats are freed. */
  async onRehabilitationConsentWithdrawn(victimRef: string, tx: Transaction): Promise<void> {
    for (const e of await this.training.withdrawAllOfVictim(tx.em, victimRef)) {
      await this.training.freeSeat(tx.em, e.programmeId);
      const programme = await this.requireProgramme(e.programmeId);
      publishEnrolment(tx, { ...e, victimRef }, programme, 'withdrawn', e.withdrawnAt);
    }
  }

  private async transition(
    programmeId: string,
    enrolmentId: string,
    user: Principal,
    to: 'completed' | 'withdrawn',
  ): Promise<EnrolmentResponse> {
    const facility = await this.facilities.facilityOfStaff(user);
    await this.uow.run(async (tx) => {
      const enrolment = await this.training.lockEnrolment(tx.em, enrolmentId);
      if (!enrolment || enrolment.programmeId !== programmeId)
        throw trainingErrors.error('not-found', 'No such enrolment');
      if (enrolment.facilityId !== facility.id)
        throw trainingErrors.error('forbidden', 'Only the enrolling facility may change an enrolment');
      if (enrolment.status !== 'enrolled') {
        throw trainingErrors.error(
          'illegal-transition',
          `An enrolment that is ${enrolment.status} cannot be ${to}`,
        );
      }
      const at = new Date();
      const changes: Partial<Enrolment> =
        to === 'completed'
          ? { status: 'completed', completedAt: at }
          : { status: 'withdrawn', withdrawnAt: at };
      await this.training.updateEnrolment(tx.em, enrolmentId, changes);
      if (to === 'withdrawn') await this.training.freeSeat(tx.em, programmeId);
      publishEnrolment(tx, enrolment, await this.requireProgramme(programmeId), to, at);
    });
    return toEnrolmentResponse((await this.training.findEnrolment(enrolmentId))!);
  }

  private async requireProgramme(id: string): Promise<TrainingProgramme> {
    const programme = await this.training.findProgramme(id);
    if (!programme) throw trainingErrors.error('not-found', 'No such training programme');
    return programme;
  }
}

/**
 * `shelter.training.changed`, in the transaction of the change: the enrolment, its programme's lead
 * ministry and its status, for the annual report; no programme title or staff.
 */
function publishEnrolment(
  tx: Transaction,
  e: { id: string; programmeId: string; victimRef: string },
  programme: TrainingProgramme,
  status: EnrolmentStatus,
  at: Date,
): void {
  tx.publish(
    ShelterTrainingChanged,
    {
      enrolmentId: e.id,
      programmeId: e.programmeId,
      victimRef: e.victimRef,
      leadMinistry: programme.leadMinistry,
      status,
      at: at.toISOString(),
    },
    { aggregateId: e.id },
  );
}
