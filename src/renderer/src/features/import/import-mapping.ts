import type { ApiOutput } from '../../../../shared/api/contract';
import {
  guessMapping,
  KIND_FIELDS,
  reapplyMapping,
  type ColumnMapping,
  type ImportField,
  type ImportKind,
} from '../../../../shared/import/column-mapping';
import type { FilePreview } from '../../../../shared/import/import-schemas';

export type DayMonthOrder = ColumnMapping['dayMonthOrder'];
export type PreviewAnswer = ApiOutput<'import.preview'>;

/** What the mapping screen shows per file column: the chosen field and how sure the guess was. */
export interface MappingSelection {
  kind: ImportKind;
  /** By column index; null: the column is not imported. */
  fields: (ImportField | null)[];
  /** By column index, 0..1; 1 for a remembered mapping (the user chose it last time). */
  confidence: number[];
  /** By column index: the user chose this column's field here (no longer a guess to check). */
  decided: boolean[];
  from: 'remembered' | 'guess';
  dayMonthOrder: DayMonthOrder;
}

/** Guesses from containment ("客户手机号码" holds 手机) score 0.6..0.85: worth a second look. */
export const LOW_CONFIDENCE = 0.9;

export function headerRowOf(preview: FilePreview): number {
  return preview.headerRow ?? preview.guess?.mapping.headerRow ?? 1;
}

/** The kind to start with: the one mapped last time for these headers, else the best-scoring one. */
export function initialKind(answer: PreviewAnswer): ImportKind {
  if (answer.remembered) return answer.remembered.kind;
  const scores = answer.preview.guess?.kindScores;
  if (!scores) return 'purchases';
  return (Object.keys(scores) as ImportKind[]).reduce((best, kind) => ((scores[kind] ?? 0) > (scores[best] ?? 0) ? kind : best));
}

/**
 * The selection a kind starts from: the remembered mapping when it was for this kind (fitted to
 * this file's headers, in case columns moved), else the core's guess, else the same guess made
 * here (guessMapping is pure shared code, so switching kinds needs no round trip).
 */
export function selectionFor(answer: PreviewAnswer, kind: ImportKind): MappingSelection {
  const { preview, remembered } = answer;
  const headers = preview.headers;
  const empty = (): (ImportField | null)[] => headers.map(() => null);
  if (remembered && remembered.kind === kind) {
    const { mapping } = reapplyMapping(remembered, headers);
    const fields = empty();
    for (const [field, ref] of Object.entries(mapping.columns) as [ImportField, { index: number }][]) {
      if (ref.index < fields.length) fields[ref.index] = field;
    }
    return { kind, fields, confidence: headers.map(() => 1), decided: headers.map(() => false), from: 'remembered', dayMonthOrder: remembered.dayMonthOrder };
  }
  const guess = preview.guess && preview.guess.mapping.kind === kind ? preview.guess : guessMapping(headers, { kind, headerRow: headerRowOf(preview) });
  const fields = empty();
  const confidence = headers.map(() => 0);
  for (const column of guess.columns) {
    if (column.index >= fields.length) continue;
    fields[column.index] = column.field;
    confidence[column.index] = column.confidence;
  }
  return { kind, fields, confidence, decided: headers.map(() => false), from: 'guess', dayMonthOrder: 'reject' };
}

/** A field belongs to one column: choosing it for a column takes it from any other. */
export function withField(selection: MappingSelection, index: number, field: ImportField | null): MappingSelection {
  const fields = selection.fields.map((current, i) => (i === index ? field : field !== null && current === field ? null : current));
  const decided = selection.decided.map((d, i) => d || i === index);
  return { ...selection, fields, decided };
}

export function toColumnMapping(selection: MappingSelection, preview: FilePreview): ColumnMapping {
  const columns: ColumnMapping['columns'] = {};
  selection.fields.forEach((field, index) => {
    if (field) columns[field] = { index, header: preview.headers[index] ?? '' };
  });
  return { kind: selection.kind, headerRow: headerRowOf(preview), columns, dayMonthOrder: selection.dayMonthOrder };
}

export type MappingProblem = { code: 'required'; field: ImportField } | { code: 'customer_key' };

/** As mappingProblems in the shared code says them, but as data the screen can translate. */
export function problemsOf(selection: MappingSelection): MappingProblem[] {
  const mapped = new Set(selection.fields.filter((f): f is ImportField => f !== null));
  const specs = KIND_FIELDS[selection.kind];
  const problems: MappingProblem[] = specs.filter((spec) => spec.required === true && !mapped.has(spec.field)).map((spec) => ({ code: 'required', field: spec.field }));
  if (specs.some((spec) => spec.required === 'customer_key') && !mapped.has('customerNo') && !mapped.has('phone')) problems.push({ code: 'customer_key' });
  return problems;
}
