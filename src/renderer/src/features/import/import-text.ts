import type { TFunction } from 'i18next';
import { IMPORT_ERROR_CODES, ROW_ISSUE_CODES, type ImportErrorCode, type RowIssue } from '../../../../shared/import/import-error';
import type { z } from 'zod';
import type { RawCellSchema } from '../../../../shared/import/import-schemas';
import { describeApiError } from '../shell/api-error';
import type { ImportFailure } from './import-store';

type RawCell = z.infer<typeof RawCellSchema>;

/** A cell as the file holds it; error cells (#N/A) and formulas without a result are flagged. */
export function cellText(cell: RawCell | undefined): { text: string; problem: boolean } {
  if (cell === null || cell === undefined) return { text: '', problem: false };
  if (typeof cell === 'object') return { text: cell.detail, problem: true };
  return { text: String(cell), problem: false };
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** The import's refusal codes travel in `fields.file` (the core's ImportError becomes invalid_input). */
function importCode(failure: ImportFailure): ImportErrorCode | null {
  if (failure.kind !== 'api') return null;
  const code = failure.error.fields?.['file'];
  return code && (IMPORT_ERROR_CODES as readonly string[]).includes(code) ? (code as ImportErrorCode) : null;
}

/**
 * A translated sentence, and the core's own message as the detail: it names the file and the
 * problem (a sheet, a row count) in technical English, which helps whoever sends the file back.
 */
export function describeFailure(t: TFunction, failure: ImportFailure): { code: string; text: string; detail: string | null } {
  if (failure.kind !== 'api') return { code: failure.kind, text: t(`import:fileError.${failure.kind}`), detail: null };
  const code = importCode(failure);
  const { error } = failure;
  if (code) return { code, text: t(`import:fileError.${code}`), detail: error.message };
  if (error.fields?.['mapping'] === 'service_records') return { code: 'service_records', text: t('import:fileError.serviceRecords'), detail: error.message };
  if (error.code === 'not_found') return { code: error.code, text: t('import:fileError.gone'), detail: error.message };
  if (error.code === 'invalid_input' || error.code === 'conflict') return { code: error.code, text: error.message, detail: null };
  return { code: error.code, text: describeApiError(t, error), detail: error.code === 'unauthorized' ? error.message : null };
}

/** Params that name a field or a tier are translated too: "客户等级", "高价值客户", not tier, high_value. */
function translatedParams(t: TFunction, params: RowIssue['params']): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  const field = typeof params['field'] === 'string' ? params['field'] : null;
  if (field) out['fieldLabel'] = field.split('|').map((f) => t(`import:field.${f}`)).join(t('import:tiers.or'));
  if (field === 'tier') {
    for (const key of ['value', 'firstValue'] as const) {
      const tier = params[key];
      if (tier === 'new' || tier === 'regular' || tier === 'high_value') out[key] = t(`common:tier.${tier}`);
    }
  }
  return out;
}

/** The translated reason of a row's problem, with its values; the core's English reason goes beside it. */
export function issueText(t: TFunction, issue: RowIssue): string {
  return (ROW_ISSUE_CODES as readonly string[]).includes(issue.code) ? t(`import:issue.${issue.code}`, translatedParams(t, issue.params)) : issue.code;
}
