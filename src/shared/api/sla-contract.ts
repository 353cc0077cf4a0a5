import { z } from 'zod';

/** Which SLA preset and working calendar this desktop times issues with; leads change them. */
export const SlaPresetName = z.enum(['000', '001', '002', '004']);

export const SlaSetup = z.object({
  preset: SlaPresetName,
  presets: z.array(z.object({ preset: SlaPresetName, policyId: z.string(), name: z.string() })),
  calendar: z.object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    holidays: z.number().int(),
    workdays: z.number().int(),
    /** The last day the holiday data covers: after it, only weekends are days off. */
    holidaysKnownThrough: z.string().nullable(),
    /** The .ics file the holidays came from, when a deployment replaced the shipped ones. */
    importedFrom: z.string().nullable(),
  }),
});
export type SlaSetup = z.infer<typeof SlaSetup>;

/** Holiday files are small; this stays under the browser host's 1 MB request limit. */
export const ICS_MAX_CHARS = 900_000;

export const slaCalls = {
  'sla.get': { input: z.strictObject({}), output: SlaSetup },
  'sla.setPreset': { input: z.strictObject({ preset: SlaPresetName }), output: SlaSetup },
  /** Replaces the calendar's holidays and swapped working days with those of an .ics file; all or nothing. */
  'calendar.importIcs': {
    input: z.strictObject({ fileName: z.string().trim().min(1).max(200), text: z.string().max(ICS_MAX_CHARS) }),
    output: SlaSetup,
  },
  'calendar.reset': { input: z.strictObject({}), output: SlaSetup },
} as const;
