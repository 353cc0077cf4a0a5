/**
 * File -> raw rows -> clean records, the Node half of the CRM import (no store access: the
 * dry run and the apply happen in the caller with src/shared/import/dry-run.ts). These are the
 * plain functions; import-worker.ts runs the same off the main thread.
 *
 * Public API:
 *   previewImportFile(path, options?): Promise<FilePreview>    format, encoding, sheets, first rows, header row, mapping guess
 *   parseImportFile(path, options?): Promise<ParsedImport>     every row read and cleaned with the mapping (guessed if not given)
 *   readSpreadsheet(path, options, onBatch): Promise<SourceInfo> raw rows in batches
 *   ReadOptions, ParseOptions, ParsedImport; SourceInfo, FilePreview, ImportProgress (from import-schemas.ts)
 *
 * Whole-file refusals are ImportError: not a spreadsheet, empty, header only (no_rows), more
 * than MAX_DATA_ROWS data rows, no recognisable columns, a mapping that does not fit the file,
 * cancelled. Nothing is imported from such a file; the caller has nothing to apply.
 */
import { basename } from 'node:path';
import { createRowCleaner, type CleanImport, type CleanOptions, type RowCleaner } from '../../shared/import/clean-rows';
import {
  findHeaderRow,
  guessMapping,
  headersOf,
  mappingProblems,
  normalizeHeader,
  parseColumnMapping,
  reapplyMapping,
  type ColumnMapping,
  type ImportField,
  type ImportKind,
} from '../../shared/import/column-mapping';
import { ImportError, MAX_DATA_ROWS } from '../../shared/import/import-error';
import { isBlankRow, type RawRow } from '../../shared/import/raw-cell';
import type { FilePreview, ImportProgress, SourceInfo, SupportedEncoding } from '../../shared/import/import-schemas';
import { readCsvRows } from './read-csv';
import { readXlsxRows } from './read-xlsx';
import { sniffFile } from './sniff-file';

/** The shapes the UI sees are declared (as zod schemas) in src/shared/import/import-schemas.ts. */
export type { FilePreview, ImportProgress, SourceInfo };

export interface ReadOptions {
  /** CSV: decode in this encoding instead of the detected one. */
  encoding?: SupportedEncoding;
  /** XLSX: a sheet name or 1-based tab position; the first visible sheet by default. */
  sheet?: string | number;
  signal?: AbortSignal;
  /** Data rows allowed; MAX_DATA_ROWS unless a test lowers it. */
  maxDataRows?: number;
  /** At most every 100 ms while reading, and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
}

export async function readSpreadsheet(
  path: string,
  options: ReadOptions & { stopAfterRows?: number; extraRows?: number; onSheet?: (meta: { date1904: boolean }) => void },
  onBatch: (rows: RawRow[]) => void,
): Promise<SourceInfo> {
  const sniffed = await sniffFile(path, options.encoding);
  const started = Date.now();
  let rowsRead = 0;
  let lastReport = 0;
  const report = (bytesRead: number, force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < 100)) return;
    lastReport = now;
    const elapsedMs = now - started;
    options.onProgress({ rowsRead, bytesRead, totalBytes: sniffed.bytes, elapsedMs, rowsPerSecond: elapsedMs > 0 ? Math.round((rowsRead * 1000) / elapsedMs) : 0 });
  };
  const maxDataRows = options.maxDataRows ?? MAX_DATA_ROWS;
  // Rows above the header count here too (a title, the header): the exact data-row check is the cleaner's.
  const maxRows = maxDataRows + (options.extraRows ?? 1);
  let filled = 0;
  const stream = {
    onBatch: (rows: RawRow[]) => {
      rowsRead += rows.length;
      for (const row of rows) if (!isBlankRow(row.cells)) filled++;
      if (filled > maxRows) throw tooManyRows(maxDataRows);
      onBatch(rows);
    },
    onBytes: (bytes: number) => report(bytes),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.stopAfterRows !== undefined ? { stopAfterRows: options.stopAfterRows } : {}),
    ...(options.onSheet ? { onSheet: options.onSheet } : {}),
  };
  const common = { fileName: basename(path), bytes: sniffed.bytes };
  let info: SourceInfo;
  if (sniffed.format === 'csv') {
    const result = await readCsvRows(path, sniffed.encoding.encoding, stream);
    info = { ...common, format: 'csv', encoding: sniffed.encoding, delimiter: result.delimiter, decodeErrors: result.decodeErrors, sheets: null, sheet: null, date1904: false, rows: result.rows };
  } else {
    const result = await readXlsxRows(path, options.sheet, { ...stream, totalBytes: sniffed.bytes });
    info = { ...common, format: 'xlsx', encoding: null, delimiter: null, decodeErrors: 0, sheets: result.sheets, sheet: result.sheet, date1904: result.date1904, rows: result.rows };
  }
  report(sniffed.bytes, true);
  return info;
}

function tooManyRows(max: number): ImportError {
  return new ImportError('too_many_rows', `the file has more than ${max.toLocaleString('en-US')} data rows; split it into smaller files (nothing was imported)`);
}

const PREVIEW_ROWS = 30;

type RowsPreview = Omit<FilePreview, 'source'>;

/** Header row, headers and mapping guess from the first rows; `complete` when they are the whole file. */
function previewOf(rows: RawRow[], complete: boolean, kind: ImportKind | undefined): RowsPreview {
  const filled = rows.filter((row) => !isBlankRow(row.cells));
  if (filled.length === 0) throw new ImportError('empty_file', 'the file has no rows');
  const headerRow = findHeaderRow(filled);
  const header = filled.find((row) => row.row === headerRow);
  if (!header || headerRow === null) return { rows, headerRow: null, headers: headersOf(filled[0] ?? { row: 1, cells: [] }), guess: null };
  const headers = headersOf(header);
  if (complete && !filled.some((row) => row.row > headerRow)) {
    throw new ImportError('no_rows', 'the file has a header row but no data rows');
  }
  return { rows, headerRow, headers, guess: guessMapping(headers, { headerRow, ...(kind ? { kind } : {}) }) };
}

export async function previewImportFile(path: string, options: ReadOptions & { rows?: number; kind?: ImportKind } = {}): Promise<FilePreview> {
  const rows: RawRow[] = [];
  const limit = options.rows ?? PREVIEW_ROWS;
  const source = await readSpreadsheet(path, { ...options, stopAfterRows: limit }, (batch) => rows.push(...batch));
  return { source, ...previewOf(rows, source.rows < limit, options.kind) };
}

export interface ParseOptions extends ReadOptions {
  /** The mapping to use (e.g. the one remembered for this source); guessed from the headers when absent. */
  mapping?: ColumnMapping;
  /** With no mapping: the kind of list, when the caller knows it. */
  kind?: ImportKind;
  clean?: Omit<CleanOptions, 'date1904'>;
}

export interface ParsedImport {
  source: SourceInfo;
  /** The mapping used, with columns found again by their header if they moved. */
  mapping: ColumnMapping;
  /** Optional fields of the given mapping whose column is not in this file (so not imported). */
  droppedFields: ImportField[];
  clean: CleanImport;
  elapsedMs: number;
  rowsPerSecond: number;
}

/**
 * One pass over the file: the first rows are held back until the header and the mapping are
 * settled, then everything streams through the cleaner.
 */
export async function parseImportFile(path: string, options: ParseOptions = {}): Promise<ParsedImport> {
  const started = Date.now();
  const maxDataRows = options.maxDataRows ?? MAX_DATA_ROWS;
  const held: RawRow[] = [];
  let date1904 = false;
  let chosen: { mapping: ColumnMapping; dropped: ImportField[]; cleaner: RowCleaner } | null = null;
  const settle = (complete: boolean) => {
    const { mapping, dropped } = chooseMapping(previewOf(held, complete, options.kind), options);
    chosen = { mapping, dropped, cleaner: createRowCleaner(mapping, { ...options.clean, date1904 }) };
    chosen.cleaner.add(held.splice(0));
  };
  const source = await readSpreadsheet(
    path,
    // The reader's own limit also counts rows above the header (at most 10 are looked at); the exact one is below.
    { ...options, maxDataRows, extraRows: 10, onSheet: (meta) => (date1904 = meta.date1904) },
    (batch) => {
      if (!chosen) {
        held.push(...batch);
        if (held.length >= PREVIEW_ROWS) settle(false);
      } else {
        chosen.cleaner.add(batch);
      }
      if (chosen && chosen.cleaner.dataRows > maxDataRows) throw tooManyRows(maxDataRows);
    },
  );
  if (!chosen) settle(true);
  const { mapping, dropped, cleaner } = chosen as unknown as { mapping: ColumnMapping; dropped: ImportField[]; cleaner: RowCleaner };
  if (cleaner.dataRows === 0) throw new ImportError('no_rows', 'the file has a header row but no data rows');
  const clean = cleaner.finish();
  const elapsedMs = Date.now() - started;
  return { source, mapping, droppedFields: dropped, clean, elapsedMs, rowsPerSecond: elapsedMs > 0 ? Math.round((clean.stats.dataRows * 1000) / elapsedMs) : 0 };
}

function chooseMapping(preview: RowsPreview, options: ParseOptions): { mapping: ColumnMapping; dropped: ImportField[] } {
  if (!options.mapping) {
    if (!preview.guess || preview.guess.confidence === 0) {
      throw new ImportError('no_recognised_columns', `no column has a name this import knows (the first row reads: ${preview.headers.slice(0, 8).join(', ')}); map the columns by hand`);
    }
    const problems = preview.guess.problems;
    if (problems.length > 0) throw new ImportError('invalid_mapping', `the columns could not all be found: ${problems[0]}`, problems);
    return { mapping: preview.guess.mapping, dropped: [] };
  }
  const given = parseColumnMapping(options.mapping);
  const headerRow = preview.rows.find((row) => row.row === given.headerRow);
  if (!headerRow) throw new ImportError('invalid_mapping', `the mapping expects the header in row ${given.headerRow}, but the file has no such row`);
  const headers = headersOf(headerRow);
  const fits = Object.values(given.columns).every((ref) => ref && normalizeHeader(headers[ref.index] ?? '') === normalizeHeader(ref.header));
  if (fits) return { mapping: given, dropped: [] };
  // Columns are found again by their header; an optional one that is gone is left out, a required one is an error.
  const { mapping, missing } = reapplyMapping(given, headers);
  const problems = mappingProblems(mapping);
  if (problems.length > 0) {
    const gone = missing.map((field) => `the column "${given.columns[field]?.header ?? field}" (${field}) is not in the file`);
    throw new ImportError('invalid_mapping', `the mapping does not fit this file: ${gone[0] ?? problems[0] ?? ''}`, [...gone, ...problems]);
  }
  return { mapping, dropped: missing };
}
