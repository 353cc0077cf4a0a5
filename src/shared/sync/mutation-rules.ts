import { LEAD_ONLY_ACTIONS, TICKET_ACTIONS } from '../tickets/ticket-lifecycle';
import { TICKET_STEPS } from '../tickets/ticket-model';

/**
 * Which synced tables each named mutation may change. The hub refuses a mutation whose name it
 * does not know, or that touches a table outside its list: a desktop's bug (or a forged push)
 * cannot turn "save a note" into "rewrite a customer". Mutations with an empty list change only
 * the desktop's own state (settings, alerts) and are accepted as no-ops.
 */
const TICKET_TABLES = ['tickets', 'ticket_events', 'ticket_escalations', 'callback_tasks'] as const;
const IMPORT_TABLES = ['customers', 'purchases', 'service_records', 'callback_tasks'] as const;

export const MUTATION_TABLES: Readonly<Record<string, readonly string[]>> = {
  'call.start': ['calls', 'notes', 'callback_tasks'],
  'call.saveAnswers': ['calls'],
  'note.save': ['notes'],
  'call.finish': ['calls', 'notes', 'callback_tasks', 'appointments'],
  'task.assign': ['callback_tasks'],
  'ticket.create': TICKET_TABLES,
  'ticket.approve': TICKET_TABLES,
  'ticket.addEntry': TICKET_TABLES,
  'ticket.setSeverity': TICKET_TABLES,
  'ticket.escalate': TICKET_TABLES,
  ...Object.fromEntries(TICKET_ACTIONS.map((action) => [`ticket.${action}`, TICKET_TABLES])),
  ...Object.fromEntries(TICKET_STEPS.map((step) => [`ticket.step.${step}`, TICKET_TABLES])),
  'planning.run': ['callback_tasks'],
  'import.apply': IMPORT_TABLES,
  'settings.update': [],
  'alerts.markRead': [],
  'sla.setPreset': [],
  'sla.setTargetClock': [],
  // The centre's working calendar (imported schedule, or back to the shipped one).
  'calendar.importIcs': ['working_calendars'],
  'calendar.importSchedule': ['working_calendars'],
  'calendar.reset': ['working_calendars'],
};

/** Mutations only some roles may push; the hub refuses them from anyone else. Absent: every role. */
export const MUTATION_ROLES: Readonly<Record<string, readonly string[]>> = {
  // A malicious complaint is handed to legal by a lead (its evidence frozen), and seed 004's
  // supervisor contact is a supervisor's step.
  ...Object.fromEntries(LEAD_ONLY_ACTIONS.map((action) => [`ticket.${action}`, ['lead', 'admin']])),
  'ticket.step.supervisor_contacted': ['lead', 'admin'],
  'calendar.importIcs': ['lead', 'admin'],
  'calendar.importSchedule': ['lead', 'admin'],
  'calendar.reset': ['lead', 'admin'],
};

export function mutationRoles(name: string): readonly string[] | undefined {
  return Object.hasOwn(MUTATION_ROLES, name) ? MUTATION_ROLES[name] : undefined;
}

export function mutationTables(name: string): readonly string[] | undefined {
  return Object.hasOwn(MUTATION_TABLES, name) ? MUTATION_TABLES[name] : undefined;
}
