import type { ApiInput } from '../../shared/api/contract';
import { CoreError } from '../../shared/api/result';
import type { SlaSetup } from '../../shared/api/sla-contract';
import { CalendarError, parseCalendarDef, type WorkingCalendarDef } from '../../shared/calendar/calendar-schema';
import { applyHolidayList } from '../../shared/calendar/holiday-list';
import { applyIcs } from '../../shared/calendar/ics-import';
import { compileCalendar, localDateOf, type CompiledCalendar } from '../../shared/calendar/working-time';
import type { Locale } from '../../shared/domain/model';
import { applyClockOverrides, policyTargets, type SlaPolicy, type TargetClock } from '../../shared/sla/sla-policy';
import type { Db } from '../db/connection';
import { AgentRepository } from '../db/repositories/agent-repository';
import { CalendarRepository, type StoredCalendar } from '../db/repositories/calendar-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { MutationRunner } from './mutations';
import { engineFor, SLA_PRESETS, unavailableEngine, type SlaPreset, type SlaSources } from './shared-sla-engine';
import type { SlaEngine } from './sla-engine';
import type { WorkspaceService } from './workspace-service';

const PRESET_KEY = 'sla_preset';
/** A lead's calendar/working switch per target, per policy id: { [policyId]: { [targetKey]: clock } }. */
const CLOCKS_KEY = 'sla_target_clocks';
/** The hub stores a synced text column up to this size; a bigger calendar could never reach the other desktops. */
const MAX_DEFINITION_CHARS = 200_000;

/**
 * The SLA engine this desktop uses, built from the chosen preset and the calendar (shipped, or
 * the centre's imported schedule in working_calendars, which syncs to every desktop of the
 * centre). Leads switch presets and import calendars; the engine is rebuilt at once (also when a
 * pull brings another lead's import: reload) and `onChanged` lets the watcher re-plan every alert.
 */
export class SlaSetupService {
  private current: SlaEngine;
  private calendarDef: WorkingCalendarDef | null = null;
  private compiled: CompiledCalendar | null = null;
  /** The stored row the engine was built from (revision and content), to notice a pulled change. */
  private builtFrom = '';
  private readonly settings: SettingsRepository;
  private readonly calendars: CalendarRepository;
  private readonly agents: AgentRepository;
  /** What tickets and the watcher hold: always delegates to the engine of the moment. */
  readonly engine: SlaEngine;

  constructor(
    db: Db,
    private readonly sources: SlaSources | null,
    private readonly mutations: MutationRunner,
    private readonly workspace: WorkspaceService,
    private readonly log: (message: string) => void,
    private readonly onChanged: () => void,
    /** The core's clock: "today" for the notice that the official data is running out. */
    private readonly now: () => number,
  ) {
    this.settings = new SettingsRepository(db);
    this.calendars = new CalendarRepository(db);
    this.agents = new AgentRepository(db);
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
    const stored = this.stored();
    return {
      preset: this.preset(),
      clocks: this.targetClocks(sources.presets.get(this.preset())!, locale),
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
        provisionalThrough: this.compiled?.provisionalThrough ?? null,
        today: localDateOf(this.calendar(), this.now()),
        importedFrom: this.calendarDef ? (stored?.fileName ?? null) : null,
        revision: stored?.revision ?? 0,
        importedAt: stored && stored.importedAt > 0 ? stored.importedAt : null,
        importedBy: stored?.importedByName ?? (stored?.importedBy ? (this.agents.get(stored.importedBy)?.name ?? null) : null),
      },
    };
  }

  setPreset(input: ApiInput<'sla.setPreset'>, locale: Locale): SlaSetup {
    this.requireLead();
    this.requireSources();
    this.mutations.run('sla.setPreset', input, ['settings'], () => this.settings.set(PRESET_KEY, input.preset));
    return this.rebuilt(locale);
  }

  /** A lead runs one target of the active preset on working time, or back on calendar time. */
  setTargetClock(input: ApiInput<'sla.setTargetClock'>, locale: Locale): SlaSetup {
    this.requireLead();
    const policy = this.requireSources().presets.get(this.preset())!;
    const found = policyTargets(policy).find((t) => t.key === input.key);
    if (!found) {
      const known = policyTargets(policy).map((t) => t.key).join(', ');
      throw new CoreError('invalid_input', `preset ${this.preset()} has no target "${input.key}" (it has ${known})`, { key: 'unknown_target' });
    }
    if (found.target.workingDays !== undefined && input.clock === 'calendar')
      throw new CoreError('invalid_input', `${input.key} is set in working days and runs on working time`, { clock: 'working_days_only' });
    const all = this.overrides();
    const mine = { ...(all[policy.id] ?? {}) };
    if (input.clock === found.target.clock) delete mine[input.key];
    else mine[input.key] = input.clock;
    this.mutations.run('sla.setTargetClock', input, ['settings'], () => this.settings.set(CLOCKS_KEY, JSON.stringify({ ...all, [policy.id]: mine })));
    return this.rebuilt(locale);
  }

  private overrides(): Record<string, Record<string, TargetClock>> {
    try {
      const parsed = JSON.parse(this.settings.get(CLOCKS_KEY) || '{}') as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, Record<string, TargetClock>>) : {};
    } catch {
      return {};
    }
  }

  private targetClocks(shipped: SlaPolicy, locale: Locale): SlaSetup['clocks'] {
    const tuned = applyClockOverrides(shipped, this.overrides()[shipped.id] ?? {});
    const now = new Map(policyTargets(tuned).map((t) => [t.key, t.target.clock]));
    const text = (value: Record<string, string | undefined>): string => value[locale] ?? value['zh-CN'] ?? '';
    return policyTargets(shipped).map(({ key, severity, target }) => ({
      key,
      label: 'label' in target ? text(target.label) : severity ? text(shipped.severities.find((s) => s.key === severity)!.label) : text(shipped.name),
      minutes: target.minutes ?? null,
      workingDays: target.workingDays ?? null,
      clock: now.get(key) ?? target.clock,
      shippedClock: target.clock,
      source: { seed: target.source.seed, rule: text(target.source.rule) },
    }));
  }

  importIcs(input: ApiInput<'calendar.importIcs'>, locale: Locale): SlaSetup {
    return this.importSchedule(input, locale, 'calendar.importIcs');
  }

  /**
   * An .ics file replaces every day off and working day of the shipped calendar; the State
   * Council's list (CSV/JSON) replaces the years it names in the calendar in force. All or nothing.
   */
  importSchedule(input: ApiInput<'calendar.importSchedule'>, locale: Locale, name = 'calendar.importSchedule'): SlaSetup {
    const agent = this.requireLead();
    const sources = this.requireSources();
    let def: WorkingCalendarDef;
    try {
      def = isIcs(input.fileName, input.text)
        ? applyIcs(sources.shippedCalendar, input.text, input.fileName)
        : applyHolidayList(this.calendarDef ?? sources.shippedCalendar, input.text, input.fileName);
      compileCalendar(def);
    } catch (error) {
      if (error instanceof CalendarError) throw new CoreError('invalid_input', `${input.fileName}: ${error.message}`, { text: error.message, reason: error.code, ...error.params });
      throw error;
    }
    const definition = JSON.stringify(def);
    if (definition.length > MAX_DEFINITION_CHARS) {
      throw new CoreError('invalid_input', `${input.fileName}: the calendar would be ${definition.length} characters, more than the ${MAX_DEFINITION_CHARS} a service centre's calendar may hold; import fewer years`, {
        text: 'calendar too large', reason: 'calendar_too_large',
      });
    }
    this.mutations.run(name, { fileName: input.fileName, holidays: def.holidays.length, workdays: def.workdays.length }, ['settings'], (now) => {
      this.calendars.save({ id: def.id, definition, fileName: input.fileName, officialThrough: def.holidaysKnownThrough ?? null, importedBy: agent.id, importedByName: agent.name, importedAt: now });
    });
    return this.rebuilt(locale);
  }

  /** Back to the calendar shipped with CareCall, for the whole centre (a revision, not a deletion). */
  resetCalendar(locale: Locale): SlaSetup {
    const agent = this.requireLead();
    const sources = this.requireSources();
    this.mutations.run('calendar.reset', {}, ['settings'], (now) => {
      this.calendars.save({ id: sources.shippedCalendar.id, definition: null, fileName: null, officialThrough: null, importedBy: agent.id, importedByName: agent.name, importedAt: now });
    });
    return this.rebuilt(locale);
  }

  /** After a pull: rebuilds when another desktop's import or reset arrived; true when it did. */
  reload(): boolean {
    if (!this.sources || this.fingerprint() === this.builtFrom) return false;
    this.current = this.build();
    this.onChanged();
    return true;
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
    this.builtFrom = this.fingerprint();
    const stored = this.stored()?.definition;
    if (stored) {
      try {
        const parsed = parseCalendarDef(JSON.parse(stored));
        const shipped = this.sources.shippedCalendar;
        // A calendar imported before provisional holidays existed still gets the shipped calendar's rule.
        this.calendarDef = parsed.provisionalRule || parsed.id !== shipped.id || !shipped.provisionalRule ? parsed : { ...parsed, provisionalRule: shipped.provisionalRule };
      } catch (error) {
        this.log(`the imported working calendar is unusable, using the shipped one: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.compiled = compileCalendar(this.calendarDef ?? this.sources.shippedCalendar);
    return engineFor(policy, this.compiled, [...this.sources.presets.values()], this.overrides());
  }

  private stored(): StoredCalendar | null {
    return this.sources ? this.calendars.get(this.sources.shippedCalendar.id) : null;
  }

  private fingerprint(): string {
    const stored = this.stored();
    return stored ? `${stored.revision}|${stored.importedAt}|${stored.importedBy ?? ''}|${stored.definition ?? ''}` : '';
  }

  private preset(): SlaPreset {
    const stored = this.settings.get(PRESET_KEY);
    return (SLA_PRESETS as readonly string[]).includes(stored ?? '') ? (stored as SlaPreset) : '000';
  }

  private requireSources(): SlaSources {
    if (!this.sources) throw new CoreError('internal', 'the SLA policies or the working calendar in resources/ could not be loaded; see the log');
    return this.sources;
  }

  private requireLead(): { id: string; name: string } {
    const agent = this.workspace.requireAgent();
    if (agent.role !== 'lead' && agent.role !== 'admin') throw new CoreError('unauthorized', 'only a team lead can change the SLA policy or the working calendar');
    return agent;
  }
}

/** An iCalendar file by name or content; anything else is read as the State Council list. */
function isIcs(fileName: string, text: string): boolean {
  return /\.ics$/i.test(fileName.trim()) || /^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text);
}
