import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Min,
  validateSync,
  ValidateNested,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { findContract, type EventContract } from '../contracts/event-contract.js';
import { flattenValidationErrors } from '../errors/validation.js';

/** The envelope of every event on `nrm.events` (docs/architecture.md, Messaging). */
export interface Envelope<T = unknown> {
  /** Unique event id (uuid); consumers deduplicate on it. */
  id: string;
  /** Routing key, e.g. `referral.reported`. */
  type: string;
  /** Schema version of `data`. */
  version: number;
  /** When the state change happened (ISO 8601, UTC). */
  occurredAt: string;
  /** Service that produced it. */
  producer: string;
  /** Id shared by every event of one business flow. */
  correlationId: string;
  /** Id of the event (or request) that caused this one. */
  causationId: string;
  /** Aggregate the event is about (per-aggregate order is kept for it). */
  aggregateId: string;
  data: T;
}

class EnvelopeShape {
  @IsUUID() id!: string;
  @IsString() @Length(1, 100) type!: string;
  @IsInt() @Min(1) version!: number;
  @IsISO8601() occurredAt!: string;
  @IsString() @Length(1, 50) producer!: string;
  @IsString() @Length(1, 100) correlationId!: string;
  @IsString() @Length(1, 100) causationId!: string;
  @IsString() @Length(1, 100) aggregateId!: string;
  @IsObject() data!: object;
}

/** Options for building an envelope. */
export interface EnvelopeOptions {
  aggregateId: string;
  correlationId?: string;
  causationId?: string;
  occurredAt?: Date;
}

/** Builds the envelope of a new event. */
export function buildEnvelope<T extends object>(
  producer: string,
  contract: EventContract<T>,
  data: T,
  opts: EnvelopeOptions,
): Envelope<T> {
  const id = randomUUID();
  return {
    id,
    type: contract.type,
    version: contract.version,
    occurredAt: (opts.occurredAt ?? new Date()).toISOString(),
    producer,
    correlationId: opts.correlationId ?? id,
    causationId: opts.causationId ?? id,
    aggregateId: opts.aggregateId,
    data,
  };
}

/** Why a message could not be accepted. Reasons name fields, never their values. */
export class InvalidMessageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidMessageError';
  }
}

/**
 * Parses and validates a raw message: the envelope, then its payload against the registered contract
 * for (type, version). Throws {@link InvalidMessageError} for anything malformed or unknown.
 */
export function parseEnvelope(raw: Buffer | string): Envelope<object> {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new InvalidMessageError('body is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new InvalidMessageError('body is not an object');
  const shape = plainToInstance(EnvelopeShape, json);
  const envErrors = validateSync(shape, { forbidUnknownValues: false });
  if (envErrors.length) {
    throw new InvalidMessageError(
      `invalid envelope: ${flattenValidationErrors(envErrors)
        .map((e) => e.field)
        .join(', ')}`,
    );
  }
  const contract = findContract(shape.type, shape.version);
  if (!contract) throw new InvalidMessageError(`unknown event ${shape.type}@${shape.version}`);
  const data = plainToInstance(contract.payload, shape.data);
  const dataErrors = validateSync(data, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (dataErrors.length) {
    const fields = [...new Set(flattenValidationErrors(dataErrors).map((e) => e.field))];
    throw new InvalidMessageError(`invalid ${shape.type}@${shape.version} payload: ${fields.join(', ')}`);
  }
  return { ...(json as Envelope<object>), data };
}

/** Payload class validation for producers: refuses to write an event that consumers would reject. */
export function assertValidPayload<T extends object>(contract: EventContract<T>, data: T): void {
  const instance = plainToInstance(contract.payload, data);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length) {
    const fields = [...new Set(flattenValidationErrors(errors).map((e) => e.field))];
    throw new Error(`refusing to publish invalid ${contract.type}@${contract.version}: ${fields.join(', ')}`);
  }
}

// Re-exported for payload classes defined elsewhere that need nested validation.
export { Type, ValidateNested };
