/**
 * What crosses the boundary from the import's Node side to the UI, as zod schemas so the API
 * contract can validate it: the file as read (SourceInfo), the mapping screen's preview, the
 * progress of a running import, and a dry-run summary small enough for IPC (a plan for 100k rows
 * holds 100k records; the UI needs the counts and the rows that fail).
 *
 * Public API:
 *   SUPPORTED_ENCODINGS / SupportedEncoding, EncodingGuess, SourceInfo, RawCellSchema, RawRowSchema,
 *   MappingGuessSchema, FilePreview, ImportProgress, ImportPlanSummary
 *   summarizePlan(plan, maxIssues = 1000): ImportPlanSummary
 */
import { z } from 'zod';
import { ColumnMapping, IMPORT_KINDS, ImportField, ImportKind } from './column-mapping';
import type { ImportPlan } from './dry-run';
import { RowIssue } from './import-error';
import { TierValueCount } from './tier-synonyms';

export const SUPPORTED_ENCODINGS = ['utf-8', 'gb18030', 'gbk', 'big5', 'utf-16le', 'utf-16be'] as const;
export const SupportedEncoding = z.enum(SUPPORTED_ENCODINGS);
export type SupportedEncoding = z.infer<typeof SupportedEncoding>;

export const EncodingGuess = z.strictObject({
  encoding: SupportedEncoding,
  /** Why: a byte-order mark, valid UTF-8, only ASCII seen, a clean GB18030 or Big5 decode, nothing fitted, or the user's choice. */
  basis: z.enum(['bom', 'utf8_valid', 'ascii_only', 'gb18030_valid', 'big5_likely', 'nothing_fits', 'override']),
  confidence: z.enum(['high', 'medium', 'low']),
  /** Bytes that did not decode in the chosen encoding, within the sample. */
  undecodable: z.number().int().min(0),
});
export type EncodingGuess = z.infer<typeof EncodingGuess>;

export const SourceInfo = z.strictObject({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  bytes: z.number().int().min(0),
  /** CSV only. */
  encoding: EncodingGuess.nullable(),
  /** CSV only. */
  delimiter: z.string().nullable(),
  /** CSV: characters that did not decode (U+FFFD); more than 0 suggests another encoding. */
  decodeErrors: z.number().int().min(0),
  /** XLSX only: every sheet in tab order, and the one read. */
  sheets: z.array(z.strictObject({ name: z.string(), hidden: z.boolean() })).nullable(),
  sheet: z.string().nullable(),
  date1904: z.boolean(),
  /** Rows read, blank ones and the header included. */
  rows: z.number().int().min(0),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const RawCellSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.strictObject({ problem: z.enum(['error_value', 'formula_without_result']), detail: z.string() }),
]);
export const RawRowSchema = z.strictObject({ row: z.number().int().min(1), cells: z.array(RawCellSchema) });

export const MappingGuessSchema = z.strictObject({
  mapping: ColumnMapping,
  columns: z.array(z.strictObject({ index: z.number().int().min(0), header: z.string(), field: ImportField.nullable(), confidence: z.number().min(0).max(1) })),
  problems: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  kindScores: z.record(ImportKind, z.number()),
});

export const FilePreview = z.strictObject({
  source: SourceInfo,
  rows: z.array(RawRowSchema),
  headerRow: z.number().int().min(1).nullable(),
  headers: z.array(z.string()),
  guess: MappingGuessSchema.nullable(),
});
export type FilePreview = z.infer<typeof FilePreview>;

export const ImportProgress = z.strictObject({
  rowsRead: z.number().int().min(0),
  bytesRead: z.number().int().min(0),
  totalBytes: z.number().int().min(0),
  elapsedMs: z.number().min(0),
  rowsPerSecond: z.number().min(0),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

const Counts = z.strictObject({
  dataRows: z.number().int().min(0),
  create: z.number().int().min(0),
  update: z.number().int().min(0),
  skip: z.number().int().min(0),
  failedRows: z.number().int().min(0),
});

export const ImportPlanSummary = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  counts: Counts,
  /** What would be created and updated, by entity (a purchases file can create customers too). */
  byEntity: z.partialRecord(z.enum(['customer', 'purchase', 'service_record']), z.strictObject({ create: z.number().int(), update: z.number().int(), skip: z.number().int() })),
  /** Skipped rows that repeat an earlier row, with the row they repeat. */
  duplicates: z.array(z.strictObject({ row: z.number().int(), duplicateOf: z.number().int() })),
  errors: z.array(RowIssue),
  warnings: z.array(RowIssue),
  /** The values of the customer-type column and their tiers; tier null: unknown, reported here once (the rows import without a type). */
  tierValues: z.array(TierValueCount),
  /** More errors, warnings or duplicates than maxIssues: the lists hold the first ones by row. */
  truncated: z.boolean(),
});
export type ImportPlanSummary = z.infer<typeof ImportPlanSummary>;

export function summarizePlan(plan: ImportPlan, maxIssues = 1000): ImportPlanSummary {
  const byEntity: ImportPlanSummary['byEntity'] = {};
  const bump = (entity: 'customer' | 'purchase' | 'service_record', what: 'create' | 'update' | 'skip') => {
    const entry = (byEntity[entity] ??= { create: 0, update: 0, skip: 0 });
    entry[what]++;
  };
  for (const item of plan.create) bump(item.entity, 'create');
  for (const item of plan.update) bump(item.entity, 'update');
  const duplicates: ImportPlanSummary['duplicates'] = [];
  for (const item of plan.skip) {
    if (item.reason === 'unchanged') bump(item.entity, 'skip');
    else duplicates.push({ row: item.rows[0] ?? 0, duplicateOf: item.duplicateOf });
  }
  const truncated = plan.errors.length > maxIssues || plan.warnings.length > maxIssues || duplicates.length > maxIssues;
  return {
    kind: plan.kind,
    counts: plan.counts,
    byEntity,
    duplicates: duplicates.slice(0, maxIssues),
    errors: plan.errors.slice(0, maxIssues),
    warnings: plan.warnings.slice(0, maxIssues),
    tierValues: plan.tierValues,
    truncated,
  };
}
