import type { TFunction } from 'i18next';
import type { AnswerValue } from '../../../../shared/domain/model';

/** Booleans are yes/no questions; show them in words, not as true/false. */
export function formatAnswer(t: TFunction, value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  return String(value);
}
