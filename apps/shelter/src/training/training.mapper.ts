import { EnrolmentResponse, ProgrammeResponse } from './dto/training.response.js';
import type { Enrolment } from './enrolment.entity.js';
import type { TrainingProgramme } from './training-programme.entity.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toProgrammeResponse(p: TrainingProgramme): ProgrammeResponse {
  return Object.assign(new ProgrammeResponse(), {
    id: p.id,
    code: p.code,
    title: p.title,
    leadMinistry: p.leadMinistry,
    partnerNgos: p.partnerNgos,
    fundingSources: p.fundingSources,
    region: p.region,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    seats: p.seats,
    enrolled: p.enrolled,
    seatsFree: p.seats - p.enrolled,
  });
}

export function toEnrolmentResponse(e: Enrolment): EnrolmentResponse {
  return Object.assign(new EnrolmentResponse(), {
    id: e.id,
    programmeId: e.programmeId,
    victimRef: e.victimRef,
    facilityId: e.facilityId,
    status: e.status,
    consentRecordedAt: iso(e.consentRecordedAt)!,
    enrolledAt: iso(e.enrolledAt)!,
    completedAt: iso(e.completedAt),
    withdrawnAt: iso(e.withdrawnAt),
  });
}
