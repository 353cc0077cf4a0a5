/**
 * The args a user typed into, in the order they are shown. A rejected mutation is gone from the
 * team's data, so whatever was written in it (a note, a problem description, a reply to the
 * customer) must be on screen to copy and enter again.
 */
export const TYPED_FIELDS = ['body', 'notes', 'text', 'symptom', 'progress', 'solution', 'comment', 'reason'] as const;
export type TypedField = (typeof TYPED_FIELDS)[number];

export function typedContent(args: unknown): { field: TypedField; text: string }[] {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return [];
  const record = args as Record<string, unknown>;
  return TYPED_FIELDS.flatMap((field) => {
    const value = record[field];
    return typeof value === 'string' && value.trim() !== '' ? [{ field, text: value }] : [];
  });
}
