import { z } from 'zod';
import { ColumnMapping, ImportKind } from '../import/column-mapping';
import { FilePreview, ImportPlanSummary, ImportProgress, SupportedEncoding } from '../import/import-schemas';
import { TierChoices, TierSynonyms } from '../import/tier-synonyms';
import { Id } from '../domain/model';

/**
 * Importing CRM exports: the file is uploaded once (bridge.upload) and named by its fileId; the
 * preview guesses the mapping (or recalls the one used for this layout before), the dry run
 * reports what would change, apply writes all or nothing and plans the callbacks it implies.
 */
export const ReadChoice = z.strictObject({
  fileId: Id,
  /** CSV: the user's choice when the detected encoding is wrong. */
  encoding: SupportedEncoding.optional(),
  /** XLSX: the sheet by name; the first visible one otherwise. */
  sheet: z.string().max(200).optional(),
});

export const importCalls = {
  'import.preview': {
    input: ReadChoice.extend({ kind: ImportKind.optional() }),
    output: z.object({
      preview: FilePreview,
      /** The mapping used the last time a file with these headers was imported, if any. */
      remembered: ColumnMapping.nullable(),
      /** How customer types are written, per tier: the shipped table with the centre's own spellings. */
      tierSynonyms: TierSynonyms,
    }),
  },
  'import.dryRun': {
    input: ReadChoice.extend({ mapping: ColumnMapping, tierChoices: TierChoices.optional() }),
    output: z.object({ summary: ImportPlanSummary, rowsPerSecond: z.number() }),
  },
  /** Writes the plan in one transaction (nothing if anything fails) and plans the callbacks it implies. */
  'import.apply': {
    /** tierChoices: the customer types chosen in the mapping step; kept for the next files. */
    input: ReadChoice.extend({ mapping: ColumnMapping, tierChoices: TierChoices.optional() }),
    output: z.object({ summary: ImportPlanSummary, created: z.number().int(), updated: z.number().int(), tasksPlanned: z.number().int() }),
  },
  'import.cancel': { input: z.strictObject({ fileId: Id }), output: z.object({ cancelled: z.boolean() }) },
} as const;

export const importEvents = {
  'import.progress': z.object({ fileId: Id, phase: z.enum(['reading', 'applying']), progress: ImportProgress }),
} as const;

/** Largest file the desktop accepts for import (a 1M-row export is refused by row count before this). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
