import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Answers, AnswerValue, CallbackType, CustomerTier } from '../../../src/shared/domain/model';
import { loadScript, nextStepId } from '../../../src/shared/scripts/script-interpreter';
import type { Script, Step } from '../../../src/shared/scripts/script-schema';
import { RESOURCES_DIR } from '../../support/test-core';

export function shippedScript(type: CallbackType): Script {
  for (const file of readdirSync(join(RESOURCES_DIR, 'scripts'))) {
    const result = loadScript(JSON.parse(readFileSync(join(RESOURCES_DIR, 'scripts', file), 'utf8')), file);
    if (result.ok && result.script.callbackType === type) return result.script;
  }
  throw new Error(`no shipped script for ${type}`);
}

export interface PlannedStep {
  step: Step;
  answer: AnswerValue | undefined;
}

/**
 * How a test agent answers: the right person, the first yes/no answered "no" and a low score,
 * so the walk takes the script's problem branches; everything else the first option.
 */
export function planCall(script: Script, tier: CustomerTier): { steps: PlannedStep[]; answers: Answers; branched: boolean } {
  const answers: Answers = {};
  const steps: PlannedStep[] = [];
  let saidNo = false;
  let current: string | null = script.steps[0]!.id;
  let branched = false;
  while (current) {
    const step = script.steps.find((s) => s.id === current)!;
    let answer: AnswerValue | undefined;
    const q = step.question;
    if (q) {
      if (q.key === 'identity') answer = 'confirmed';
      else if (q.type === 'yesno') {
        answer = saidNo;
        saidNo = true;
      } else if (q.type === 'choice') answer = q.options![0]!.value;
      else if (q.type === 'score') answer = q.key === 'satisfaction' ? 5 : 8;
      else if (q.type === 'nps') answer = 10;
      else answer = `回答-${q.key}`;
      answers[q.key] = answer;
    }
    steps.push({ step, answer });
    const next = nextStepId(script, step.id, { answers, customer: { tier } });
    const index = script.steps.indexOf(step);
    const withoutBranches = step.next ?? script.steps[index + 1]?.id;
    if (next !== null && next !== withoutBranches) branched = true;
    current = next;
  }
  return { steps, answers, branched };
}
