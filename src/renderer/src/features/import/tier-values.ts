import { CUSTOMER_TIERS, type CustomerTier } from '../../../../shared/domain/model';
import { tierKey, tierMap, type TierChoices, type TierSynonyms } from '../../../../shared/import/tier-synonyms';
import type { DryRunAnswer } from './import-store';
import { headerRowOf, type MappingSelection, type PreviewAnswer } from './import-mapping';
import { cellText } from './import-text';

/** One spelling of the customer-type column, and which tier it becomes. */
export interface TierRow {
  value: string;
  /** What the synonym table says; null: the table does not know the spelling. */
  tableTier: CustomerTier | null;
  /** The user's choice for this file; null: the table's answer stands. */
  chosen: CustomerTier | null;
  count: number;
  rows: number[];
}

/**
 * The values found in the customer-type column: the dry run's list (the whole file) once there is
 * one, else the preview's rows. Empty when no column is mapped to the type.
 */
export function tierRows(answer: PreviewAnswer, selection: MappingSelection, dryRun: DryRunAnswer | null, choices: TierChoices): { rows: TierRow[]; wholeFile: boolean } {
  const column = selection.fields.indexOf('tier');
  if (column < 0) return { rows: [], wholeFile: false };
  const table = tierMap(answer.tierSynonyms);
  const chosen = new Map(Object.entries(choices).map(([value, tier]) => [tierKey(value), tier]));
  const found = new Map<string, { value: string; count: number; rows: number[] }>();
  if (dryRun) {
    for (const entry of dryRun.summary.tierValues) found.set(tierKey(entry.value), { value: entry.value, count: entry.count, rows: entry.rows });
  } else {
    const headerRow = headerRowOf(answer.preview);
    for (const row of answer.preview.rows) {
      if (row.row <= headerRow) continue;
      const text = cellText(row.cells[column]).text.trim();
      if (text === '') continue;
      const entry = found.get(tierKey(text)) ?? { value: text, count: 0, rows: [] };
      entry.count++;
      entry.rows.push(row.row);
      found.set(tierKey(text), entry);
    }
  }
  const rows = [...found.entries()].map(([key, entry]) => ({ ...entry, tableTier: table.get(key) ?? null, chosen: chosen.get(key) ?? null }));
  return { rows, wholeFile: dryRun !== null };
}

/** The spellings the table knows, per tier, for telling the user what an unknown value could be. */
export function knownSpellings(table: TierSynonyms): { tier: CustomerTier; spellings: string[] }[] {
  return CUSTOMER_TIERS.map((tier) => ({ tier, spellings: table[tier] }));
}
