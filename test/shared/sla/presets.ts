// The committed SLA presets, loaded through parseSlaPolicy as the app will load them.
import { join } from 'node:path';
import { parseSlaPolicy, type SlaPolicy } from '../../../src/shared/sla/sla-policy';
import { readJson, RESOURCES } from '../calendar/calendars';

export const PRESET_FILES = ['000.json', '001.json', '002.json', '004.json'] as const;

export const rawPreset = (file: (typeof PRESET_FILES)[number]): Record<string, unknown> =>
  readJson(join(RESOURCES, 'sla-policies', file)) as Record<string, unknown>;

export const preset = (file: (typeof PRESET_FILES)[number]): SlaPolicy => parseSlaPolicy(rawPreset(file));
