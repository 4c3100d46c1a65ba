import { PlacementResponse } from './dto/placement.response.js';
import type { PlacementRow } from './placement-query.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPlacementResponse(p: PlacementRow): PlacementResponse {
  return Object.assign(new PlacementResponse(), {
    id: p.id,
    requestId: p.requestId,
    facilityId: p.facilityId,
    facilityCode: p.facilityCode,
    victimRef: p.victimRef,
    caseNumber: p.caseNumber,
    status: p.status,
    profile: {
      sex: p.request.sex,
      ageBand: p.request.ageBand,
      age: p.request.age,
      child: p.request.child,
      languages: p.request.languages,
      needs: p.request.needs,
    },
    offeredAt: p.offeredAt.toISOString(),
    offerExpiresAt: p.offerExpiresAt.toISOString(),
    expectedArrivalAt: p.expectedArrivalAt.toISOString(),
    admittedAt: iso(p.admittedAt),
    declinedAt: iso(p.declinedAt),
    declineReason: p.declineReason,
    dischargedAt: iso(p.dischargedAt),
  });
}

/** Keyset cursor over (offered_at, id): opaque to clients. */
export function encodeCursor(p: PlacementRow): string {
  return Buffer.from(`${p.offeredAt.toISOString()}|${p.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return { at: new Date(at), id };
}
