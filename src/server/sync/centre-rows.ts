import { CalendarError, parseCalendarDef } from '../../shared/calendar/calendar-schema';
import { compileCalendar } from '../../shared/calendar/working-time';
import type { RowData, SyncedTable } from '../../shared/sync/synced-tables';

/**
 * What a centre-wide row must hold beyond its column types, checked on the hub: every desktop of
 * the centre builds its SLA engine from the working calendar, so a definition that does not
 * validate and compile would leave each of them on the shipped calendar with only a log line.
 * Returns the reason to refuse, or null.
 */
export function centreRowProblem(table: SyncedTable, data: RowData): string | null {
  if (table.name !== 'working_calendars' || data.definition === null || data.definition === undefined) return null;
  try {
    const def = parseCalendarDef(JSON.parse(String(data.definition)));
    if (def.id !== data.id) return `working_calendars ${String(data.id)}: the definition is calendar ${def.id}`;
    if ((def.holidaysKnownThrough ?? null) !== (data.official_through ?? null)) {
      return `working_calendars ${String(data.id)}: official_through ${String(data.official_through)} is not the definition's ${def.holidaysKnownThrough ?? 'null'}`;
    }
    compileCalendar(def);
    return null;
  } catch (error) {
    const reason = error instanceof CalendarError || error instanceof SyntaxError ? error.message : String(error);
    return `working_calendars ${String(data.id)}: not a usable working calendar: ${reason}`;
  }
}
