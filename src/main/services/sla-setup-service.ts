import type { ApiInput } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import type { SlaSetup } from '../../shared/api/sla-contract';
import { CalendarError, parseCalendarDef, type WorkingCalendarDef } from '../../shared/calendar/calendar-schema';
import { applyIcs } from '../../shared/calendar/ics-import';
import { compileCalendar, type CompiledCalendar } from '../../shared/calendar/working-time';
import type { Locale } from '../../shared/domain/model';
import type { Db } from '../db/connection';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { MutationRunner } from './mutations';
import { engineFor, SLA_PRESETS, unavailableEngine, type SlaPreset, type SlaSources } from './shared-sla-engine';
import type { SlaEngine } from './sla-engine';
import type { WorkspaceService } from './workspace-service';

const PRESET_KEY = 'sla_preset';
const CALENDAR_KEY = 'calendar_override';
const CALENDAR_FILE_KEY = 'calendar_override_file';

/**
 * The SLA engine this desktop uses, built from the chosen preset and the calendar (shipped, or
 * a deployment's .ics holidays). Leads switch presets and import calendars; the engine is
 * rebuilt at once and `onChanged` lets the watcher re-plan every alert.
 */
export class SlaSetupService {
  private current: SlaEngine;
  private calendarDef: WorkingCalendarDef | null = null;
  private compiled: CompiledCalendar | null = null;
  private readonly settings: SettingsRepository;
  /** What tickets and the watcher hold: always delegates to the engine of the moment. */
  readonly engine: SlaEngine;

  constructor(
    db: Db,
    private readonly sources: SlaSources | null,
    private readonly mutations: MutationRunner,
    private readonly workspace: WorkspaceService,
    private readonly log: (message: string) => void,
    private readonly onChanged: () => void = () => undefined,
  ) {
    this.settings = new SettingsRepository(db);
    this.current = this.build();
    const current = (): SlaEngine => this.current;
    this.engine = {
      get policyId() { return current().policyId; },
      get policyName() { return current().policyName; },
      get defaultSeverity() { return current().defaultSeverity; },
      get timeZone() { return current().timeZone; },
      severities: (policyId) => current().severities(policyId),
      severity: (key, policyId) => current().severity(key, policyId),
      clocks: (ticket, now) => current().clocks(ticket, now),
      escalationChain: (severity, at, reason, policyId) => current().escalationChain(severity, at, reason, policyId),
      isWorkingDay: (localDate) => current().isWorkingDay(localDate),
    };
  }

  /** The working calendar in force (shipped or imported), for planning and retries. */
  calendar(): CompiledCalendar {
    if (!this.compiled) throw new CoreError('internal', 'the working calendar in resources/ could not be loaded; see the log');
    return this.compiled;
  }

  describe(locale: Locale): SlaSetup {
    const sources = this.requireSources();
    const def = this.calendarDef ?? sources.shippedCalendar;
    return {
      preset: this.preset(),
      presets: SLA_PRESETS.map((preset) => {
        const policy = sources.presets.get(preset)!;
        return { preset, policyId: policy.id, name: policy.name[locale] ?? policy.name['zh-CN'] };
      }),
      calendar: {
        id: def.id,
        name: def.name[locale] ?? def.name['zh-CN'],
        timeZone: def.timeZone,
        holidays: def.holidays.length,
        workdays: def.workdays.length,
        holidaysKnownThrough: def.holidaysKnownThrough ?? null,
        importedFrom: this.settings.get(CALENDAR_FILE_KEY) || null,
      },
    };
  }

  setPreset(input: ApiInput<'sla.setPreset'>, locale: Locale): SlaSetup {
    this.requireLead();
    this.requireSources();
    this.mutations.run('sla.setPreset', input, ['settings'], () => this.settings.set(PRESET_KEY, input.preset));
    return this.rebuilt(locale);
  }

  importIcs(input: ApiInput<'calendar.importIcs'>, locale: Locale): SlaSetup {
    this.requireLead();
    const sources = this.requireSources();
    let def: WorkingCalendarDef;
    try {
      // The shipped hours and zone with the file's days off and swapped working days; all or nothing.
      def = applyIcs(sources.shippedCalendar, input.text, input.fileName);
      compileCalendar(def);
    } catch (error) {
      if (error instanceof CalendarError) throw new CoreError('invalid_input', `${input.fileName}: ${error.message}`, { text: error.message });
      throw error;
    }
    this.mutations.run('calendar.importIcs', { fileName: input.fileName, holidays: def.holidays.length, workdays: def.workdays.length }, ['settings'], () => {
      this.settings.set(CALENDAR_KEY, JSON.stringify(def));
      this.settings.set(CALENDAR_FILE_KEY, input.fileName);
    });
    return this.rebuilt(locale);
  }

  resetCalendar(locale: Locale): SlaSetup {
    this.requireLead();
    this.requireSources();
    this.mutations.run('calendar.reset', {}, ['settings'], () => {
      this.settings.set(CALENDAR_KEY, '');
      this.settings.set(CALENDAR_FILE_KEY, '');
    });
    return this.rebuilt(locale);
  }

  private rebuilt(locale: Locale): SlaSetup {
    this.current = this.build();
    this.onChanged();
    return this.describe(locale);
  }

  private build(): SlaEngine {
    if (!this.sources) return unavailableEngine('the SLA policies or the working calendar in resources/ could not be loaded; see the log');
    const policy = this.sources.presets.get(this.preset())!;
    this.calendarDef = null;
    const stored = this.settings.get(CALENDAR_KEY);
    if (stored) {
      try {
        this.calendarDef = parseCalendarDef(JSON.parse(stored));
      } catch (error) {
        this.log(`the imported working calendar is unusable, using the shipped one: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.compiled = compileCalendar(this.calendarDef ?? this.sources.shippedCalendar);
    return engineFor(policy, this.compiled, [...this.sources.presets.values()]);
  }

  private preset(): SlaPreset {
    const stored = this.settings.get(PRESET_KEY);
    return (SLA_PRESETS as readonly string[]).includes(stored ?? '') ? (stored as SlaPreset) : '000';
  }

  private requireSources(): SlaSources {
    if (!this.sources) throw new CoreError('internal', 'the SLA policies or the working calendar in resources/ could not be loaded; see the log');
    return this.sources;
  }

  private requireLead(): void {
    const agent = this.workspace.requireAgent();
    if (agent.role !== 'lead' && agent.role !== 'admin') throw new CoreError('unauthorized', 'only a team lead can change the SLA policy or the working calendar');
  }
}
