import { DeliveryAttemptResponse, DeliveryResponse } from './dto/delivery.response.js';
import type { DeliveryAttempt } from './delivery-attempt.entity.js';
import type { Delivery } from './delivery.entity.js';

export function toDeliveryResponse(d: Delivery, attempts: DeliveryAttempt[]): DeliveryResponse {
  const res = new DeliveryResponse();
  res.id = d.id;
  res.eventId = d.eventId;
  res.eventType = d.eventType;
  res.eventOccurredAt = d.eventOccurredAt.toISOString();
  res.correlationId = d.correlationId;
  res.recipientId = d.recipientId;
  res.org = d.org;
  res.channel = d.channel;
  res.language = d.language;
  res.status = d.status;
  res.attemptCount = d.attempts;
  res.nextAttemptAt = d.status === 'pending' ? d.nextAttemptAt.toISOString() : null;
  res.createdAt = d.createdAt.toISOString();
  res.deliveredAt = d.deliveredAt?.toISOString() ?? null;
  res.failedAt = d.failedAt?.toISOString() ?? null;
  res.lastError = d.lastError;
  res.redrivenAt = d.redrivenAt?.toISOString() ?? null;
  res.waitingUntil = d.status === 'waiting' ? (d.expiresAt?.toISOString() ?? null) : null;
  res.attempts = attempts.map((a) => {
    const r = new DeliveryAttemptResponse();
    r.attempt = a.attempt;
    r.startedAt = a.startedAt.toISOString();
    r.finishedAt = a.finishedAt.toISOString();
    r.outcome = a.outcome;
    r.responseCode = a.responseCode;
    r.error = a.error;
    return r;
  });
  return res;
}
