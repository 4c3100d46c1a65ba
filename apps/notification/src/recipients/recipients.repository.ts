import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PagePosition } from '../common/cursor.js';
import type { Channel } from '../routing/channels.js';
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
  async deactivate(id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(Recipient)
      .update({ id, active: true }, { active: false });
    return (result.affected ?? 0) > 0;
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
