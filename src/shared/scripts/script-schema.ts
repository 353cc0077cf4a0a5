import { z } from 'zod';
import { CallbackType } from '../domain/model';

/** Text in every language a script ships in; zh-TW falls back to zh-CN. */
export const LocalizedText = z.strictObject({
  'zh-CN': z.string().min(1).max(2000),
  en: z.string().min(1).max(2000),
  'zh-TW': z.string().min(1).max(2000).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const ANSWER_TYPES = ['yesno', 'choice', 'text', 'score', 'nps'] as const;
export const AnswerType = z.enum(ANSWER_TYPES);
export type AnswerType = z.infer<typeof AnswerType>;

export const END_DISPOSITIONS = ['completed', 'customer_busy', 'wrong_number', 'refused'] as const;

const StepId = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'step ids are lower-case ascii, digits, - or _');

export const Question = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'answer keys are snake_case ascii'),
  type: AnswerType,
  options: z
    .array(z.strictObject({ value: z.string().min(1).max(64), label: LocalizedText }))
    .min(2)
    .max(9)
    .optional(),
  required: z.boolean().optional(),
});
export type Question = z.infer<typeof Question>;

/** A JSON-logic rule; checked further by the interpreter (allowed operators only). */
export const Rule = z.record(z.string(), z.unknown());

export const Step = z.strictObject({
  id: StepId,
  title: LocalizedText,
  say: LocalizedText,
  prompts: z.array(LocalizedText).max(10).optional(),
  question: Question.optional(),
  branches: z.array(z.strictObject({ if: Rule, goto: StepId })).max(20).optional(),
  next: StepId.optional(),
  end: z.enum(END_DISPOSITIONS).optional(),
});
export type Step = z.infer<typeof Step>;

export const DeescalationLine = z.strictObject({
  id: StepId,
  title: LocalizedText,
  text: LocalizedText,
});
export type DeescalationLine = z.infer<typeof DeescalationLine>;

export const Script = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  version: z.number().int().positive(),
  callbackType: CallbackType,
  title: LocalizedText,
  steps: z.array(Step).min(1).max(200),
  deescalation: z.array(DeescalationLine).max(50),
});
export type Script = z.infer<typeof Script>;

export const PLACEHOLDERS = ['customerTitle', 'agentName', 'agentNo', 'company', 'product'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;
