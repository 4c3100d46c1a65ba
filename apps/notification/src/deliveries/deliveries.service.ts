import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { deliveryErrors } from './deliveries.errors.js';
import type { ListDeliveriesQuery } from './dto/list-deliveries.query.js';
import { DeliveryPageResponse, type DeliveryResponse } from './dto/delivery.response.js';
import type { DeliveryAttempt } from './delivery-attempt.entity.js';
import { toDeliveryResponse } from './delivery.mapper.js';

/** The delivery log: which recipient was told what event, when, and how each attempt went. */
@Injectable()
export class DeliveriesService {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  async list(query: ListDeliveriesQuery): Promise<DeliveryPageResponse> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !after) {
      throw deliveryErrors.error('validation-failed', 'Invalid fields: cursor', [
        { field: 'cursor', message: 'is not a cursor of this list' },
      ]);
    }
    const rows = await this.deliveries.list({
      eventId: query.eventId,
      recipientId: query.recipient,
      status: query.status,
      org: query.org,
      after,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const attempts = groupBy(await this.deliveries.attemptsOf(items.map((d) => d.id)));
    const page = new DeliveryPageResponse();
    page.items = items.map((d) => toDeliveryResponse(d, attempts.get(d.id) ?? []));
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    if (last) page.nextCursor = encodeCursor({ createdAt: last.createdAt, id: last.id });
    return page;
  }

  async get(id: string): Promise<DeliveryResponse> {
    const d = await this.deliveries.findById(id);
    if (!d) throw deliveryErrors.error('not-found', 'No such delivery');
    return toDeliveryResponse(d, await this.deliveries.attemptsOf([id]));
  }
}

function groupBy(attempts: DeliveryAttempt[]): Map<string, DeliveryAttempt[]> {
  const map = new Map<string, DeliveryAttempt[]>();
  for (const a of attempts) {
    const list = map.get(a.deliveryId) ?? [];
    list.push(a);
    map.set(a.deliveryId, list);
  }
  return map;
}
