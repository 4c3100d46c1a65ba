/** Keyset position `(created_at, id)` of the last item of a page, opaque to clients. */
export interface PagePosition {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(pos: PagePosition): string {
  return Buffer.from(`${pos.createdAt.toISOString()}|${pos.id}`, 'utf8').toString('base64url');
}

/** The position in a cursor, or `undefined` if it is not one of ours. */
export function decodeCursor(cursor: string): PagePosition | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !UUID.test(id)) return undefined;
  const createdAt = new Date(at);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
}
