import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PagePosition } from '../common/cursor.js';
import type { Channel } from '../routing/channels.js';
import { RecipientCircuit } from './recipient-circuit.entity.js';
import { Recipient } from './recipient.entity.js';

/** What the planner needs to address a delivery (nothing decrypted). */
export type RoutableRecipient = Pick<Recipient, 'id' | 'org' | 'channel' | 'language'>;

/** Every query on `notification.recipients`. */
@Injectable()
export class RecipientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(recipient: Recipient): Promise<void> {
    await this.dataSource.getRepository(Recipient).insert(recipient);
  }

  findById(id: string): Promise<Recipient | null> {
    return this.dataSource.getRepository(Recipient).findOneBy({ id });
  }

  async list(filter: {
    org?: string;
    channel?: Channel;
    after?: PagePosition;
    limit: number;
  }): Promise<Recipient[]> {
    const qb = this.dataSource.getRepository(Recipient).createQueryBuilder('r');
    if (filter.org) qb.andWhere('r.org = :org', { org: filter.org });
    if (filter.channel) qb.andWhere('r.channel = :channel', { channel: filter.channel });
    if (filter.after)
      qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: filter.after.createdAt, id: filter.after.id });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(filter.limit).getMany();
  }

  /** Deactivates a recipient; it keeps its deliveries (the log must stay complete). */
  async deactivate(em: EntityManager, id: string, by: string): Promise<boolean> {
    const result = await em
      .getRepository(Recipient)
      .update({ id, active: true }, { active: false, deactivatedAt: new Date(), deactivatedBy: by });
    return (result.affected ?? 0) > 0;
  }

  /** Makes a deactivated recipient active again, with a closed circuit. */
  async reactivate(em: EntityManager, id: string): Promise<boolean> {
    const result = await em
      .getRepository(Recipient)
      .update({ id, active: false }, { active: true, deactivatedAt: null, deactivatedBy: null });
    if ((result.affected ?? 0) === 0) return false;
    await em.getRepository(RecipientCircuit).delete({ recipientId: id });
    return true;
  }

  /** Circuit rows of the given recipients (none: never failed, closed). */
  circuitsOf(recipientIds: string[]): Promise<RecipientCircuit[]> {
    if (recipientIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(RecipientCircuit)
      .createQueryBuilder('c')
      .where('c.recipient_id = ANY(:ids)', { ids: recipientIds })
      .getMany();
  }

  /** Active recipients of the given orgs, read inside the caller's (inbox) transaction. */
  activeForOrgs(em: EntityManager, orgs: string[]): Promise<RoutableRecipient[]> {
    return em
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .select(['r.id', 'r.org', 'r.channel', 'r.language'])
      .where('r.active AND r.org = ANY(:orgs)', { orgs })
      .orderBy('r.id')
      .getMany();
  }
}
