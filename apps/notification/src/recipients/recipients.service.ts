import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CONFIG, LOGGER, UnitOfWork, type Principal, isUniqueViolation } from '#shared';
import type { NotificationConfig } from '../config/notification.config.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { AddressPolicy } from '../channels/outbound/address-policy.js';
import { SecretBox } from '../common/secret-box.js';
import type { Channel } from '../routing/channels.js';
import type { CreateRecipientDto } from './dto/create-recipient.dto.js';
import { RecipientPageResponse, type RecipientResponse } from './dto/recipient.response.js';
import { Recipient } from './recipient.entity.js';
import { toRecipientResponse } from './recipient.mapper.js';
import { recipientErrors } from './recipients.errors.js';
import { RecipientsRepository } from './recipients.repository.js';

/** Addresses are compared case-insensitively for e-mail, exactly otherwise. */
export function normaliseAddress(channel: Channel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}

/**
 * What else must happen when a recipient's state changes; the deliveries capability registers one
 * (recipients never reach into deliveries themselves).
 */
export interface RecipientLifecycleListener {
  /** Inside the deactivation's transaction: stop what was not delivered yet. */
  deactivated(em: EntityManager, recipientId: string): Promise<void>;
  /** After a recipient of `org` became active (registered or reactivated) and was committed. */
  activated(org: string): Promise<void>;
}

/** The destination of a delivery, decrypted for one attempt only. */
export interface DecryptedDestination {
  address: string;
  secret?: string;
}

@Injectable()
export class RecipientsService {
  /**
   * Decrypted destinations by recipient id, kept a few seconds: the dispatcher needs one per send,
   * and reading and decrypting it each time was a large share of a delivery's cost. Addresses of a
   * recipient never change (a new address is a new recipient); a deactivation is seen by other
   * instances within the TTL (deliveries already planned are sent anyway).
   */
  private readonly destinations = new Map<
    string,
    { value: DecryptedDestination | undefined; until: number }
  >();
  private static readonly DESTINATION_TTL_MS = 10_000;
  private readonly listeners: RecipientLifecycleListener[] = [];

  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly box: SecretBox,
    private readonly policy: AddressPolicy,
    private readonly uow: UnitOfWork,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Registers what must follow a deactivation or an activation. */
  addListener(listener: RecipientLifecycleListener): void {
    this.listeners.push(listener);
  }

  async create(dto: CreateRecipientDto, user: Principal): Promise<RecipientResponse> {
    // A webhook is useless unsigned, and only webhooks are signed (the table checks this too).
    if (dto.channel === 'webhook' && !dto.secret) {
      throw recipientErrors.error('validation-failed', 'Invalid fields: secret', [
        { field: 'secret', message: 'is required for a webhook' },
      ]);
    }
    if (dto.channel !== 'webhook' && dto.secret !== undefined) {
      throw recipientErrors.error('validation-failed', 'Invalid fields: secret', [
        { field: 'secret', message: 'is only for webhooks' },
      ]);
    }
    const address = normaliseAddress(dto.channel, dto.address);
    if (dto.channel === 'webhook') await this.checkOutbound(address);
    const id = randomUUID();
    const recipient = Object.assign(new Recipient(), {
      id,
      org: dto.org,
      channel: dto.channel,
      addressSealed: this.box.encrypt(address, id, 'address'),
      addressIndex: this.box.blindIndex(`${dto.channel}:${address}`),
      language: dto.language,
      secretSealed: dto.secret ? this.box.encrypt(dto.secret, id, 'secret') : null,
      active: true,
      deactivatedAt: null,
      deactivatedBy: null,
      createdBy: user.sub,
      createdAt: new Date(),
    });
    try {
      await this.recipients.insert(recipient);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw recipientErrors.error(
          'conflict',
          `This ${dto.channel} address is already a recipient of ${dto.org}`,
        );
      }
      throw err;
    }
    this.logger.info(
      { recipientId: recipient.id, org: recipient.org, channel: recipient.channel, by: user.sub },
      'recipient registered',
    );
    await this.activated(recipient.org);
    return this.toResponse(recipient);
  }

  async list(filter: {
    org?: string;
    channel?: Channel;
    limit?: number;
    cursor?: string;
  }): Promise<RecipientPageResponse> {
    const limit = filter.limit ?? 50;
    const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
    if (filter.cursor && !after) {
      throw recipientErrors.error('validation-failed', 'Invalid fields: cursor', [
        { field: 'cursor', message: 'is not a cursor of this list' },
      ]);
    }
    const rows = await this.recipients.list({
      org: filter.org,
      channel: filter.channel,
      after,
      limit: limit + 1,
    });
    const page = new RecipientPageResponse();
    const items = rows.slice(0, limit);
    const circuits = await this.circuitsById(items.map((r) => r.id));
    page.items = items.map((r) =>
      toRecipientResponse(r, this.box, circuits.get(r.id), this.config.NOTIFY_CIRCUIT_FAILURE_THRESHOLD),
    );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    if (last) page.nextCursor = encodeCursor({ createdAt: last.createdAt, id: last.id });
    return page;
  }

  async get(id: string): Promise<RecipientResponse> {
    const r = await this.recipients.findById(id);
    if (!r) throw recipientErrors.error('not-found', 'No such recipient');
    return this.toResponse(r);
  }

  /**
   * Stops sending to a recipient: in the same transaction its undelivered deliveries are cancelled
   * (and, if its organisation has no other active recipient, those events wait for one again).
   * Idempotent. The delivery log is kept.
   */
  async deactivate(id: string, user: Principal): Promise<RecipientResponse> {
    const changed = await this.uow.run(async (tx) => {
      if (!(await this.recipients.deactivate(tx.em, id, user.sub))) return false;
      for (const l of this.listeners) await l.deactivated(tx.em, id);
      return true;
    });
    this.destinations.delete(id);
    if (changed) this.logger.info({ recipientId: id, by: user.sub }, 'recipient deactivated');
    return this.get(id);
  }

  /**
   * Makes a deactivated recipient active again, with a closed circuit; events waiting for a recipient
   * of its organisation are then planned for it. Idempotent.
   */
  async reactivate(id: string, user: Principal): Promise<RecipientResponse> {
    const changed = await this.uow.run((tx) => this.recipients.reactivate(tx.em, id));
    const r = await this.recipients.findById(id);
    if (!r) throw recipientErrors.error('not-found', 'No such recipient');
    this.destinations.delete(id);
    if (changed) {
      this.logger.info({ recipientId: id, by: user.sub }, 'recipient reactivated');
      await this.activated(r.org);
    }
    return this.toResponse(r);
  }

  private async activated(org: string): Promise<void> {
    for (const l of this.listeners) {
      // The waiting events are also picked up by the periodic sweep if this fails.
      await l
        .activated(org)
        .catch((err: unknown) =>
          this.logger.warn({ org, err: (err as Error).message }, 'could not plan waiting events yet'),
        );
    }
  }

  private async toResponse(r: Recipient): Promise<RecipientResponse> {
    const [circuit] = await this.recipients.circuitsOf([r.id]);
    return toRecipientResponse(r, this.box, circuit, this.config.NOTIFY_CIRCUIT_FAILURE_THRESHOLD);
  }

  private async circuitsById(ids: string[]) {
    return new Map((await this.recipients.circuitsOf(ids)).map((c) => [c.recipientId, c]));
  }

  /**
   * A webhook must not point into the platform's own network or a metadata service (the same check
   * runs again at every connection, after DNS resolution).
   */
  private async checkOutbound(address: string): Promise<void> {
    const refusal = await this.policy.checkRegistration(address);
    if (!refusal) return;
    const message =
      refusal === 'scheme-not-allowed'
        ? 'must be an https URL'
        : refusal === 'invalid-url'
          ? 'must be a URL without credentials'
          : 'must not point to a loopback, private, link-local, multicast or metadata address';
    throw recipientErrors.error('address-not-allowed', `Invalid fields: address ${message}`, [
      { field: 'address', message },
    ]);
  }

  /** Address and secret of a recipient for one send attempt. Never logged. */
  async destinationOf(recipientId: string): Promise<DecryptedDestination | undefined> {
    const cached = this.destinations.get(recipientId);
    if (cached && cached.until > Date.now()) return cached.value;
    const r = await this.recipients.findById(recipientId);
    const value = r
      ? {
          address: this.box.decrypt(r.addressSealed, r.id, 'address'),
          secret: r.secretSealed ? this.box.decrypt(r.secretSealed, r.id, 'secret') : undefined,
        }
      : undefined;
    if (this.destinations.size > 10_000) this.destinations.clear();
    this.destinations.set(recipientId, { value, until: Date.now() + RecipientsService.DESTINATION_TTL_MS });
    return value;
  }
}
