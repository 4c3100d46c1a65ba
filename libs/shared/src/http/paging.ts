import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy } from 'class-validator';

/** Position of a keyset page: the last row's time and id. */
export interface PagePosition {
  /** The ISO 8601 timestamp as the cursor carries it (what `Date#toISOString` wrote). */
  at: string;
  /** The same instant as a date. */
  atDate: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ISO 8601 date-time with a 4-digit year, seconds, an optional fraction and a zone (what Postgres accepts). */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** Encodes a keyset position as an opaque cursor (base64url of `[iso, uuid]`). */
export function encodePageCursor(at: Date | string, id: string): string {
  const iso = typeof at === 'string' ? at : at.toISOString();
  return Buffer.from(JSON.stringify([iso, id]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor into its position, or `undefined` when it is not one this platform issued. Both
 * encodings in use are read (`[iso, uuid]` as JSON, and `iso|uuid`), and each part is checked for
 * its type (a real ISO timestamp, a real UUID), so a crafted cursor never reaches a query.
 */
export function decodePageCursor(cursor: string): PagePosition | undefined {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 200) return undefined;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let parts: unknown[];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return undefined;
      parts = parsed;
    } catch {
      return undefined;
    }
  } else {
    parts = text.split('|');
  }
  if (parts.length !== 2) return undefined;
  const [at, id] = parts;
  if (typeof at !== 'string' || typeof id !== 'string') return undefined;
  if (!ISO_TIMESTAMP.test(at) || !UUID.test(id)) return undefined;
  const atDate = new Date(at);
  const year = atDate.getUTCFullYear();
  if (Number.isNaN(atDate.getTime()) || year < 1970 || year > 9999) return undefined;
  // Reject impossible calendar dates that Date would roll over (2026-02-31).
  if (at.slice(0, 10) !== atDate.toISOString().slice(0, 10) && /Z$/.test(at)) return undefined;
  return { at, atDate, id };
}

/** Query of a keyset-paged list: the opaque cursor of the previous page. Lists extend it. */
export class PageCursorQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  // A cursor is checked here, by type of each part, so a forged one is 400 naming `cursor`, never a 500.
  @ValidateBy({
    name: 'isPageCursor',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && decodePageCursor(value) !== undefined,
      defaultMessage: () => 'is not a cursor from this API',
    },
  })
  cursor?: string;
}

/** The `limit` of a paged list: an integer from 1 to `max` (default `dflt`, applied by the service). */
export const PageLimit = (max: number, dflt: number): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: max, default: dflt }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
