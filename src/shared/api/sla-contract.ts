import { z } from 'zod';

/** Which SLA preset and working calendar this desktop times issues with; leads change them. */
export const SlaPresetName = z.enum(['000', '001', '002', '004']);

/** One target of the active preset, for the lead's calendar/working switch (设置 -> SLA). */
export const SlaTargetClock = z.object({
  /** `<severity>.response`, `<severity>.resolution`, `goal` or `rule.<key>`. */
  key: z.string(),
  /** The severity's label, or the rule's, localised. */
  label: z.string(),
  minutes: z.number().int().nullable(),
  workingDays: z.number().int().nullable(),
  clock: z.enum(['working', 'calendar']),
  /** What the seed's words give (小时: calendar, 工作日: working); a lead may have switched it. */
  shippedClock: z.enum(['working', 'calendar']),
  source: z.object({ seed: z.string(), rule: z.string() }),
});
export type SlaTargetClock = z.infer<typeof SlaTargetClock>;

export const SlaSetup = z.object({
  preset: SlaPresetName,
  /** The active preset's targets and the clock each runs on. */
  clocks: z.array(SlaTargetClock),
  presets: z.array(z.object({ preset: SlaPresetName, policyId: z.string(), name: z.string() })),
  calendar: z.object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    holidays: z.number().int(),
    workdays: z.number().int(),
    /** The last day the official holiday data covers: after it, days are provisional or unknown. */
    holidaysKnownThrough: z.string().nullable(),
    /** The last day of the provisional statutory holidays derived after it (null: none; later days are unknown). */
    provisionalThrough: z.string().nullable(),
    /** Today in the calendar's zone by the core's clock, for the notice that the official data runs out. */
    today: z.string(),
    /** The file the holidays came from (.ics or the State Council list), when a lead imported one. */
    importedFrom: z.string().nullable(),
    /**
     * Which calendar this desktop uses: revision 0 is the one shipped with CareCall; with a hub,
     * the revision the centre's last import or reset has reached on this desktop.
     */
    revision: z.number().int().min(0),
    importedAt: z.number().nullable(),
    importedBy: z.string().nullable(),
  }),
});
export type SlaSetup = z.infer<typeof SlaSetup>;

/** Holiday files are small; this stays under the browser host's 1 MB request limit. */
export const ICS_MAX_CHARS = 900_000;

export const slaCalls = {
  'sla.get': { input: z.strictObject({}), output: SlaSetup },
  'sla.setPreset': { input: z.strictObject({ preset: SlaPresetName }), output: SlaSetup },
  /**
   * A lead runs one target of the active preset on working time (a centre not staffed around the
   * clock) or back on calendar time. Targets in working days stay on working time.
   */
  'sla.setTargetClock': {
    input: z.strictObject({ key: z.string().min(1).max(80), clock: z.enum(['working', 'calendar']) }),
    output: SlaSetup,
  },
  /** Replaces the calendar's holidays and swapped working days with those of an .ics file; all or nothing. */
  'calendar.importIcs': {
    input: z.strictObject({ fileName: z.string().trim().min(1).max(200), text: z.string().max(ICS_MAX_CHARS) }),
    output: SlaSetup,
  },
  /**
   * An official schedule in one step: an .ics file (replaces all days, as importIcs), or the State
   * Council's list as CSV/JSON rows date,kind,name (replaces the years it names; src/shared/calendar/holiday-list.ts).
   * Centre-wide: with a hub it reaches every desktop. Leads and admins only.
   */
  'calendar.importSchedule': {
    input: z.strictObject({ fileName: z.string().trim().min(1).max(200), text: z.string().max(ICS_MAX_CHARS) }),
    output: SlaSetup,
  },
  'calendar.reset': { input: z.strictObject({}), output: SlaSetup },
} as const;
