import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTierSynonyms, type TierSynonyms } from '../../../src/shared/import/tier-synonyms';

/** The customer-type table CareCall ships (resources/import/customer-tiers.json), as the core loads it. */
export const SHIPPED_TIERS: TierSynonyms = parseTierSynonyms(
  (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'import', 'customer-tiers.json'), 'utf8')) as { tiers: unknown }).tiers,
);
