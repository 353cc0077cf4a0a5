// Types for generate-cn-mainland.mjs, so the tests can call its pure functions.
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
export function buildCnMainlandCalendar(data: ChineseDaysData, version: string): Record<string, unknown>;
export function formatCalendar(calendar: Record<string, unknown>): string;
