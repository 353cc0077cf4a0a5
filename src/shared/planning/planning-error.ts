/**
 * The one error class of src/shared/planning (a `code` says which). As in src/shared/calendar and
 * src/shared/sla, errors are thrown, never returned: a planning function gives a correct answer
 * or throws a PlanningError whose message names the bad field. The API boundary turns it into data.
 */
export type PlanningErrorCode =
  /** The rules file does not validate (schema or cross-field checks). */
  | 'invalid_rules'
  /** The rules validate but cannot work with this calendar (a calling window on days it never works). */
  | 'rules_calendar_mismatch'
  /** A planner, retry, assignment or SMS input is malformed (a bad date, zone, count or value). */
  | 'invalid_input'
  /** The calendar has no working day within its search horizon. */
  | 'no_working_day'
  /** No calling window opens on a working day within the search horizon. */
  | 'no_calling_time';

export class PlanningError extends Error {
  constructor(
    readonly code: PlanningErrorCode,
    message: string,
    /** For invalid_rules: every problem, with its path in the rules. */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'PlanningError';
  }
}
