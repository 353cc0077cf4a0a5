/**
 * The errors of the CRM import: a file-level ImportError (the whole file is refused, nothing is
 * imported) and row-level issues (one row, one column, one reason) that a dry run lists.
 *
 * Public API:
 *   ImportError                    thrown for a file that cannot be imported at all (a `code` says why)
 *   ImportErrorCode                the codes; the renderer translates by code, `message` is the English fallback
 *   RowIssue / RowIssueCode        one problem in one row; `row` is the spreadsheet row (header = 1); `params` for the translation
 *   MAX_DATA_ROWS                  the hard limit on data rows per file
 *   columnLetter(index): string    0 -> 'A', 26 -> 'AA', for cell addresses the user can find
 */
import { z } from 'zod';

/** A file this large is a mistake (a whole CRM dump), not a callback list: refuse it outright. */
export const MAX_DATA_ROWS = 1_000_000;

export const IMPORT_ERROR_CODES = [
  'not_spreadsheet',
  /** Starts as an XLSX (a ZIP) but cannot be read as one: truncated or corrupted. */
  'damaged_spreadsheet',
  'legacy_xls',
  'html_table',
  'empty_file',
  'no_rows',
  'too_many_rows',
  'sheet_not_found',
  'unsupported_encoding',
  'no_recognised_columns',
  'invalid_mapping',
  'read_failed',
  'cancelled',
] as const;
export const ImportErrorCode = z.enum(IMPORT_ERROR_CODES);
export type ImportErrorCode = z.infer<typeof ImportErrorCode>;

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** For invalid_mapping: every problem; for sheet_not_found: the sheets there are. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The wire form of an ImportError (worker -> host -> API). */
export const ImportErrorData = z.strictObject({
  code: ImportErrorCode,
  message: z.string(),
  details: z.array(z.string()),
});
export type ImportErrorData = z.infer<typeof ImportErrorData>;

export function importErrorToData(error: ImportError): ImportErrorData {
  return { code: error.code, message: error.message, details: [...error.details] };
}

export const ROW_ISSUE_CODES = [
  // errors: the row is not imported
  'required_missing',
  'cell_error_value',
  'cell_formula_without_result',
  'invalid_phone',
  'invalid_date',
  'ambiguous_date',
  'invalid_value',
  'scientific_notation',
  'unknown_customer',
  'ambiguous_customer',
  'serial_owned_by_other_customer',
  /** A purchase whose delivery date lies before its purchase date. */
  'delivery_before_purchase',
  /** The customer is not in the store and the row has no name to create them with. */
  'name_missing',
  /** The customer is not in the store and the row has no phone to create them with. */
  'phone_missing',
  // warnings: the row is imported, with what the warning says
  'phone_extension_split',
  'several_phones',
  'merge_conflict',
  'phone_shared',
  /** One customer's repeated columns (a CRM export: one row per purchase) disagree between rows. */
  'customer_value_conflict',
] as const;
export const RowIssueCode = z.enum(ROW_ISSUE_CODES);
export type RowIssueCode = z.infer<typeof RowIssueCode>;

export const RowIssue = z.strictObject({
  /** The row number the user sees in Excel or a text editor: the header row is 1 when it is the first row. */
  row: z.number().int().min(1),
  /** The column's header text as written in the file; null for a problem with the whole row. */
  column: z.string().nullable(),
  /** Excel-style address, e.g. 'C7'; null when the issue is about the whole row. */
  cell: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  code: RowIssueCode,
  /** English explanation with the offending value; the UI translates by code and may show this too. */
  reason: z.string(),
  /** The values the translated text names (the cell's value, a field, another row), by code. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RowIssue = z.infer<typeof RowIssue>;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
