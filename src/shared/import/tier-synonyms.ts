/**
 * The customer-type synonym table: how centres write a customer's type in their exports (老客,
 * 老客户, 重点客户, VIP, 高价值客户 ...) and which CareCall tier each spelling is. The default table
 * ships as data (resources/import/customer-tiers.json); a centre's own entries, chosen in the
 * mapping step, are kept as a setting and win over the default for the same spelling.
 *
 * Public API:
 *   TierSynonyms / TierChoices           the table (spellings per tier) / spellings chosen for one tier each
 *   parseTierSynonyms(raw): TierSynonyms  the shipped file's `tiers`; throws on a spelling given for two tiers
 *   withChoices(table, choices): TierSynonyms   the table with each chosen spelling moved to its tier
 *   tierKey(text): string                the form spellings are compared in
 *   tierMap(table): Map<key, tier>        for looking spellings up without a tally (the mapping step)
 *   createTierLookup(table): TierLookup  tierOf(text) -> tier | null, and a tally of the values seen
 *   TierValueCount                       one value found in a file: its tier (null: unknown), how often, where
 */
import { z } from 'zod';
import { CUSTOMER_TIERS, CustomerTier } from '../domain/model';
import { cleanText } from './clean-text';

const Spelling = z.string().trim().min(1).max(100);

export const TierSynonyms = z
  .strictObject({
    new: z.array(Spelling).max(1000),
    regular: z.array(Spelling).max(1000),
    high_value: z.array(Spelling).max(1000),
  })
  .superRefine((table, ctx) => {
    const seen = new Map<string, CustomerTier>();
    for (const tier of CUSTOMER_TIERS) {
      for (const spelling of table[tier]) {
        const other = seen.get(tierKey(spelling));
        if (other && other !== tier) ctx.addIssue({ code: 'custom', path: [tier], message: `"${spelling}" is given for both ${other} and ${tier}` });
        seen.set(tierKey(spelling), tier);
      }
    }
  });
export type TierSynonyms = z.infer<typeof TierSynonyms>;

/** Spelling as found in a file -> the tier the user chose for it. */
export const TierChoices = z.record(Spelling, CustomerTier).refine((choices) => Object.keys(choices).length <= 500, { message: 'at most 500 customer-type choices' });
export type TierChoices = z.infer<typeof TierChoices>;

export const TierValueCount = z.strictObject({
  /** As the file first writes it (cleaned). */
  value: z.string(),
  tier: CustomerTier.nullable(),
  /** Rows holding it. */
  count: z.number().int().min(0),
  /** The first rows holding it (at most ROWS_PER_VALUE), spreadsheet numbering. */
  rows: z.array(z.number().int().min(1)),
});
export type TierValueCount = z.infer<typeof TierValueCount>;

const ROWS_PER_VALUE = 20;
/** A tier column with more distinct values than this is not a type column; the rest are counted, not listed. */
const MAX_VALUES = 200;

export function tierKey(text: string): string {
  return cleanText(text).toLowerCase();
}

export function parseTierSynonyms(raw: unknown): TierSynonyms {
  return TierSynonyms.parse(raw);
}

export function withChoices(table: TierSynonyms, choices: TierChoices = {}): TierSynonyms {
  const chosen = new Map(Object.entries(choices).map(([spelling, tier]) => [tierKey(spelling), { spelling, tier }]));
  const result: TierSynonyms = { new: [], regular: [], high_value: [] };
  for (const tier of CUSTOMER_TIERS) result[tier] = table[tier].filter((spelling) => !chosen.has(tierKey(spelling)));
  for (const { spelling, tier } of chosen.values()) result[tier].push(spelling);
  return result;
}

export interface TierLookup {
  /** The tier of a cell's text, or null when the table does not know it; every call is tallied. */
  tierOf(text: string, row: number): CustomerTier | null;
  /** The values seen so far, first seen first. */
  values(): TierValueCount[];
}

export function tierMap(table: TierSynonyms): Map<string, CustomerTier> {
  const byKey = new Map<string, CustomerTier>();
  for (const tier of CUSTOMER_TIERS) for (const spelling of table[tier]) byKey.set(tierKey(spelling), tier);
  return byKey;
}

export function createTierLookup(table: TierSynonyms): TierLookup {
  const byKey = tierMap(table);
  const seen = new Map<string, TierValueCount>();
  return {
    tierOf(text, row) {
      const key = tierKey(text);
      const tier = byKey.get(key) ?? null;
      let entry = seen.get(key);
      if (!entry && seen.size < MAX_VALUES) {
        entry = { value: cleanText(text), tier, count: 0, rows: [] };
        seen.set(key, entry);
      }
      if (entry) {
        entry.count++;
        if (entry.rows.length < ROWS_PER_VALUE) entry.rows.push(row);
      }
      return tier;
    },
    values: () => [...seen.values()],
  };
}
