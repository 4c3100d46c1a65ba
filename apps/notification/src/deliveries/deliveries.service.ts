import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, type Principal } from '#shared';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryDispatcher } from './delivery-dispatcher.js';
import { deliveryErrors } from './deliveries.errors.js';
import type { ListDeliveriesQuery } from './dto/list-deliveries.query.js';
import { DeliveryPageResponse, type DeliveryResponse } from './dto/delivery.response.js';
import type { DeliveryAttempt } from './delivery-attempt.entity.js';
import { toDeliveryResponse } from './delivery.mapper.js';

/** The delivery log: which recipient was told what event, when, and how each attempt went. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly dispatcher: DeliveryDispatcher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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

  /**
   * An operator re-drives a delivery that failed for good (after fixing the recipient): it is queued
   * again at once with a fresh budget of attempts; its earlier attempts stay in the log. Only a
   * failed delivery can be re-driven: anything else is an illegal transition.
   */
  async redrive(id: string, user: Principal): Promise<DeliveryResponse> {
    if (!(await this.deliveries.redrive(id, user.sub))) {
      const existing = await this.deliveries.findById(id);
      if (!existing) throw deliveryErrors.error('not-found', 'No such delivery');
      throw deliveryErrors.error(
        'illegal-transition',
        `Only a failed delivery can be re-driven; this one is ${existing.status}`,
      );
    }
    this.logger.info({ deliveryId: id, by: user.sub, role: user.role }, 'delivery re-driven');
    this.dispatcher.wake();
    return this.get(id);
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
