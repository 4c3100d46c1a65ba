import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ServiceKind, ServiceRequestStatus } from '#shared';
import type { Keyset } from '../common/cursor.js';
import { ServiceRequest } from './service-request.entity.js';

/** A request with what its readers need from the referral (victimRef, case number, reporting agency). */
export interface ServiceRequestView extends ServiceRequest {
  victimRef: string;
  caseNumber: string;
  reportingOrg: string;
}

export interface ServiceRequestFilter {
  victimRef?: string;
  status?: ServiceRequestStatus;
  providerOrg?: string;
  service?: ServiceKind;
  /** Only requests of referrals this agency reported. */
  reportingOrg?: string;
  after?: Keyset;
  limit: number;
}

const VIEW_SQL = `SELECT s.id, s.victim_id AS "victimId", s.referral_id AS "referralId", s.service, s.consent_id AS "consentId",
         s.region, s.requested_by AS "requestedBy", s.requested_by_org AS "requestedByOrg", s.requested_at AS "requestedAt",
         s.provider_org AS "providerOrg", s.status, s.decline_reason AS "declineReason", s.outcome,
         s.answered_by AS "answeredBy", s.answered_at AS "answeredAt", s.previous_providers AS "previousProviders",
         s.updated_at AS "updatedAt", r.victim_ref AS "victimRef", r.case_number AS "caseNumber", r.reporting_org AS "reportingOrg"
    FROM "referral".service_requests s JOIN "referral".referrals r ON r.id = s.referral_id`;

@Injectable()
export class ServiceRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, request: ServiceRequest): Promise<void> {
    await em.getRepository(ServiceRequest).insert(request);
  }

  /**
   * Claims an Idempotency-Key for a new request. When the key is already taken (by a committed
   * request, or by one in flight, whose commit this waits for), returns the request it names and the
   * hash it was used with instead.
   */
  async claimKey(
    em: EntityManager,
    claim: { org: string; key: string; requestHash: string; requestId: string },
  ): Promise<{ requestId: string; requestHash: string } | undefined> {
    const inserted = await em.query<unknown[]>(
      `INSERT INTO "referral".service_request_keys (requesting_org, idempotency_key, request_hash, request_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING request_id`,
      [claim.org, claim.key, claim.requestHash, claim.requestId],
    );
    if (inserted.length) return undefined;
    const [taken] = await em.query<{ requestId: string; requestHash: string }[]>(
      `SELECT request_id AS "requestId", request_hash AS "requestHash" FROM "referral".service_request_keys
        WHERE requesting_org = $1 AND idempotency_key = $2`,
      [claim.org, claim.key],
    );
    return taken;
  }

  /** The request and its referral's references; with `lock`, the request row is locked for a transition. */
  async find(
    id: string,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<ServiceRequestView | undefined> {
    const rows: ServiceRequestView[] = await em.query(
      `${VIEW_SQL} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
      [id],
    );
    return rows[0];
  }

  async update(em: EntityManager, id: string, change: Partial<ServiceRequest>): Promise<void> {
    await em.getRepository(ServiceRequest).update({ id }, { ...change, updatedAt: new Date() });
  }

  /** A keyset page, newest first. */
  async page(f: ServiceRequestFilter): Promise<ServiceRequestView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.victimRef !== undefined) where.push(`r.victim_ref = $${params.push(f.victimRef)}`);
    if (f.status !== undefined) where.push(`s.status = $${params.push(f.status)}`);
    if (f.providerOrg !== undefined) where.push(`s.provider_org = $${params.push(f.providerOrg)}`);
    if (f.service !== undefined) where.push(`s.service = $${params.push(f.service)}`);
    if (f.reportingOrg !== undefined) where.push(`r.reporting_org = $${params.push(f.reportingOrg)}`);
    if (f.after) {
      const at = params.push(f.after.createdAt);
      const id = params.push(f.after.id);
      where.push(`(s.requested_at, s.id) < ($${at}::timestamptz, $${id}::uuid)`);
    }
    const limit = params.push(f.limit);
    return this.dataSource.query(
      `${VIEW_SQL}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.requested_at DESC, s.id DESC LIMIT $${limit}`,
      params,
    );
  }
}
