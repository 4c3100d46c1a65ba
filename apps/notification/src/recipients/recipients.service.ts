import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LOGGER, type Principal } from '#shared';
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

  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly box: SecretBox,
    private readonly policy: AddressPolicy,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
    const recipient = Object.assign(new Recipient(), {
      id: randomUUID(),
      org: dto.org,
      channel: dto.channel,
      addressSealed: this.box.encrypt(address),
      addressIndex: this.box.blindIndex(`${dto.channel}:${address}`),
      language: dto.language,
      secretSealed: dto.secret ? this.box.encrypt(dto.secret) : null,
      active: true,
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
    return toRecipientResponse(recipient, this.box);
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
    page.items = rows.slice(0, limit).map((r) => toRecipientResponse(r, this.box));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    if (last) page.nextCursor = encodeCursor({ createdAt: last.createdAt, id: last.id });
    return page;
  }

  async get(id: string): Promise<RecipientResponse> {
    const r = await this.recipients.findById(id);
    if (!r) throw recipientErrors.error('not-found', 'No such recipient');
    return toRecipientResponse(r, this.box);
  }

  async deactivate(id: string, user: Principal): Promise<void> {
    const changed = await this.recipients.deactivate(id);
    this.destinations.delete(id);
    if (!changed) {
      const exists = await this.recipients.findById(id);
      if (!exists) throw recipientErrors.error('not-found', 'No such recipient');
      return; // already inactive: idempotent
    }
    this.logger.info({ recipientId: id, by: user.sub }, 'recipient deactivated');
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
          address: this.box.decrypt(r.addressSealed),
          secret: r.secretSealed ? this.box.decrypt(r.secretSealed) : undefined,
        }
      : undefined;
    if (this.destinations.size > 10_000) this.destinations.clear();
    this.destinations.set(recipientId, { value, until: Date.now() + RecipientsService.DESTINATION_TTL_MS });
    return value;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { driverError?: { code?: unknown }; code?: unknown };
  return e?.driverError?.code === '23505' || e?.code === '23505';
}
