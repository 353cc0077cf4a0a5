/**
 * What a file reader hands over, before any cleaning: rows of cells with their spreadsheet row
 * number. CSV gives strings only; XLSX also gives numbers (including date serials, since the
 * reader does not guess dates from cell styles: the column mapping says which columns are dates),
 * booleans, and problems it found in a cell (#N/A, a formula without a saved result).
 *
 * Public API:
 *   RawCell, CellProblem, RawRow
 *   isCellProblem(cell): boolean
 *   isBlankCell(cell) / isBlankRow(cells): boolean
 *   cellToText(cell): string       numbers without exponent where exact, booleans as TRUE/FALSE
 */

export interface CellProblem {
  /** error_value: the cell holds #N/A, #REF!, ...; formula_without_result: nothing was saved for the formula. */
  problem: 'error_value' | 'formula_without_result';
  /** The error text (#N/A) or the formula. */
  detail: string;
}

export type RawCell = string | number | boolean | null | CellProblem;

export interface RawRow {
  /** 1-based spreadsheet row number (XLSX: the sheet's own row number; CSV: the record number). */
  row: number;
  cells: RawCell[];
}

export function isCellProblem(cell: RawCell | undefined): cell is CellProblem {
  return typeof cell === 'object' && cell !== null;
}

export function isBlankCell(cell: RawCell | undefined): boolean {
  // \S rather than trim(): no new string per cell; \s covers U+3000 and U+FEFF too.
  return cell === null || cell === undefined || (typeof cell === 'string' && !/\S/.test(cell));
}

export function isBlankRow(cells: readonly RawCell[]): boolean {
  return cells.every((cell) => isBlankCell(cell));
}

export function cellToText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') {
    // 13812345678 stays 13812345678; String() would only switch to exponent form past 1e21.
    return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  }
  return cell.detail;
}
