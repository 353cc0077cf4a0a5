import jsonLogic from 'json-logic-js';
import type { Answers, AnswerValue, CustomerTier, Locale } from '../domain/model';
import {
  PLACEHOLDERS,
  Script,
  type LocalizedText,
  type PlaceholderValues,
  type Question,
  type Step,
} from './script-schema';

export interface ScriptProblem {
  file: string;
  stepId: string | null;
  message: string;
}

export type ScriptLoadResult = { ok: true; script: Script } | { ok: false; problem: ScriptProblem };

/** Operators a script may use in branch rules: comparisons and logic, nothing that computes. */
const ALLOWED_OPERATORS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'and', 'or', '!', '!!', 'var', 'in']);
const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * Validates a parsed script file against the schema and its own references (goto targets,
 * placeholders, rule operators, reachability of an end). Returns the first problem found,
 * naming the file and step so an editor can fix it.
 */
export function loadScript(raw: unknown, file: string): ScriptLoadResult {
  const parsed = Script.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    let stepId: string | null = null;
    if (path[0] === 'steps' && typeof path[1] === 'number' && isRecord(raw) && Array.isArray(raw.steps)) {
      const step: unknown = raw.steps[path[1]];
      stepId = isRecord(step) && typeof step.id === 'string' ? step.id : `#${path[1] + 1}`;
    }
    return fail(file, stepId, `${path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const script = parsed.data;
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const step of script.steps) {
    if (ids.has(step.id)) return fail(file, step.id, `duplicate step id "${step.id}"`);
    ids.add(step.id);
    if (step.question) {
      if (keys.has(step.question.key)) return fail(file, step.id, `duplicate answer key "${step.question.key}"`);
      keys.add(step.question.key);
      const problem = checkQuestion(step.question);
      if (problem) return fail(file, step.id, problem);
    }
  }
  for (const [index, step] of script.steps.entries()) {
    if (step.end && (step.next || step.branches?.length)) {
      return fail(file, step.id, 'an end step cannot have next or branches');
    }
    if (!step.end && !step.next && index === script.steps.length - 1) {
      return fail(file, step.id, 'the last step must be an end step or name its next step');
    }
    for (const target of [step.next, ...(step.branches ?? []).map((b) => b.goto)]) {
      if (target !== undefined && !ids.has(target)) return fail(file, step.id, `goto target "${target}" does not exist`);
    }
    for (const branch of step.branches ?? []) {
      const problem = checkRule(branch.if);
      if (problem) return fail(file, step.id, problem);
    }
    for (const text of [step.say, ...(step.prompts ?? [])]) {
      const problem = checkPlaceholders(text);
      if (problem) return fail(file, step.id, problem);
    }
  }
  for (const line of script.deescalation) {
    const problem = checkPlaceholders(line.text);
    if (problem) return fail(file, line.id, problem);
  }
  const stuck = findStepWithoutEnd(script);
  if (stuck) return fail(file, stuck, 'no path from this step reaches an end step');
  return { ok: true, script };
}

function fail(file: string, stepId: string | null, message: string): ScriptLoadResult {
  return { ok: false, problem: { file, stepId, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkQuestion(question: Question): string | null {
  if (question.type === 'choice' && !question.options) return 'a choice question needs options';
  if (question.type !== 'choice' && question.options) return `a ${question.type} question takes no options`;
  return null;
}

function checkRule(rule: unknown): string | null {
  if (Array.isArray(rule)) {
    for (const item of rule) {
      const problem = checkRule(item);
      if (problem) return problem;
    }
    return null;
  }
  if (!isRecord(rule)) return null;
  const operators = Object.keys(rule);
  if (operators.length !== 1) return 'a rule must have exactly one operator';
  const operator = operators[0] as string;
  if (!ALLOWED_OPERATORS.has(operator)) return `rule operator "${operator}" is not allowed`;
  return checkRule(rule[operator]);
}

function checkPlaceholders(text: LocalizedText): string | null {
  for (const value of Object.values(text)) {
    for (const match of value.matchAll(PLACEHOLDER_PATTERN)) {
      const name = match[1] as string;
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) return `unknown placeholder "{{${name}}}"`;
    }
  }
  return null;
}

function successors(script: Script, index: number): string[] {
  const step = script.steps[index] as Step;
  if (step.end) return [];
  const following = step.next ?? script.steps[index + 1]?.id;
  return [...(step.branches ?? []).map((b) => b.goto), ...(following ? [following] : [])];
}

/** A step from which no end can be reached would trap the agent mid-call. */
function findStepWithoutEnd(script: Script): string | null {
  const indexOf = new Map(script.steps.map((s, i) => [s.id, i]));
  const canEnd = new Set(script.steps.filter((s) => s.end).map((s) => s.id));
  let changed = true;
  while (changed) {
    changed = false;
    for (const [index, step] of script.steps.entries()) {
      if (canEnd.has(step.id)) continue;
      if (successors(script, index).some((id) => canEnd.has(id))) {
        canEnd.add(step.id);
        changed = true;
      }
    }
  }
  const missing = script.steps.find((s) => !canEnd.has(s.id));
  return missing && indexOf.has(missing.id) ? missing.id : null;
}

export function localize(text: LocalizedText, locale: Locale): string {
  if (locale === 'zh-TW') return text['zh-TW'] ?? text['zh-CN'];
  return text[locale];
}

export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as keyof PlaceholderValues] : whole,
  );
}

export interface ScriptContext {
  answers: Answers;
  customer: { tier: CustomerTier };
}

/** The step after `stepId` given the answers so far: first truthy branch, else next, else null at an end. */
export function nextStepId(script: Script, stepId: string, context: ScriptContext): string | null {
  const index = script.steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new Error(`script ${script.id} has no step "${stepId}"`);
  const step = script.steps[index] as Step;
  if (step.end) return null;
  const data = { answers: context.answers, customer: context.customer };
  for (const branch of step.branches ?? []) {
    if (jsonLogic.truthy(jsonLogic.apply(branch.if as jsonLogic.RulesLogic, data))) return branch.goto;
  }
  return step.next ?? script.steps[index + 1]?.id ?? null;
}

/** Checks one answer against its question; returns a message key for the UI or null when valid. */
export function validateAnswer(question: Question, value: AnswerValue | undefined): string | null {
  if (value === undefined || value === '') return question.required === false ? null : 'answer.required';
  switch (question.type) {
    case 'yesno':
      return typeof value === 'boolean' ? null : 'answer.yesno';
    case 'choice':
      return typeof value === 'string' && question.options?.some((o) => o.value === value) ? null : 'answer.choice';
    case 'text':
      return typeof value === 'string' && value.length <= 4000 ? null : 'answer.text';
    case 'score':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 10 ? null : 'answer.score';
    case 'nps':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10 ? null : 'answer.nps';
  }
}

/**
 * Replays the answers from the first step and returns the path walked. Used by the core to
 * check a finished call's answers really follow the script, and by the UI to rebuild where a
 * resumed call stands.
 */
export function walk(script: Script, context: ScriptContext): { path: string[]; complete: boolean } {
  const path: string[] = [];
  let current: string | null = script.steps[0]?.id ?? null;
  while (current !== null && path.length <= script.steps.length * 2) {
    path.push(current);
    const step = script.steps.find((s) => s.id === current) as Step;
    if (step.question && validateAnswer(step.question, context.answers[step.question.key]) !== null) {
      return { path, complete: false };
    }
    if (step.end) return { path, complete: true };
    current = nextStepId(script, current, context);
  }
  return { path, complete: false };
}
