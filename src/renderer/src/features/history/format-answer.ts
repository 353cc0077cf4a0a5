import type { TFunction } from 'i18next';
import type { AnswerValue, Locale } from '../../../../shared/domain/model';
import { localize } from '../../../../shared/scripts/script-interpreter';
import type { Script } from '../../../../shared/scripts/script-schema';

export interface AnswerLine {
  key: string;
  /** The step title that asked the question, or the answer key when the script is unknown. */
  question: string;
  answer: string;
}

/**
 * An answer as a person reads it: the question by its step title, yes/no in words, a choice by
 * its label. Without the script (or a key it no longer has) the raw key and value are shown.
 */
export function describeAnswer(t: TFunction, key: string, value: AnswerValue, script: Script | undefined, locale: Locale): AnswerLine {
  const step = script?.steps.find((s) => s.question?.key === key);
  const question = step ? localize(step.title, locale) : key;
  let answer: string;
  if (typeof value === 'boolean') answer = value ? t('common:yes') : t('common:no');
  else {
    const option = typeof value === 'string' ? step?.question?.options?.find((o) => o.value === value) : undefined;
    answer = option ? localize(option.label, locale) : String(value);
  }
  return { key, question, answer };
}

/** Answers in the order the script asks them; keys the script does not know come last. */
export function orderAnswers(entries: [string, AnswerValue][], script: Script | undefined): [string, AnswerValue][] {
  if (!script) return entries;
  const position = new Map<string, number>();
  script.steps.forEach((s, i) => s.question && position.set(s.question.key, i));
  return [...entries].sort((a, b) => (position.get(a[0]) ?? Number.MAX_SAFE_INTEGER) - (position.get(b[0]) ?? Number.MAX_SAFE_INTEGER));
}
