/**
 * The pull cursor, opaque to the desktop: whose scope it was cut for (user and scope epochs), the
 * position reached in (version, kind, id) order, and while a reset is being paged, the version
 * the reset started at (tombstones at or below it are of no use to an emptied desktop).
 */
export interface Cursor {
  userId: string;
  epoch: string;
  version: number;
  kind: string | null;
  id: string | null;
  resetFrom: number | null;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([1, cursor.userId, cursor.epoch, cursor.version, cursor.kind, cursor.id, cursor.resetFrom])).toString('base64url');
}

/** Null when the text is not a cursor this hub wrote. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 7 || value[0] !== 1) return null;
    const [, userId, epoch, version, kind, id, resetFrom] = value as unknown[];
    if (typeof userId !== 'string' || typeof epoch !== 'string' || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return null;
    if (!(kind === null || typeof kind === 'string') || !(id === null || typeof id === 'string')) return null;
    if (!(resetFrom === null || (typeof resetFrom === 'number' && Number.isSafeInteger(resetFrom)))) return null;
    return { userId, epoch, version, kind, id, resetFrom };
  } catch {
    return null;
  }
}
