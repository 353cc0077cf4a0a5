import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALLBACK_TYPES } from '../../src/shared/domain/model';
import { fillPlaceholders, loadScript, localize, nextStepId, validateAnswer, walk } from '../../src/shared/scripts/script-interpreter';
import type { Script } from '../../src/shared/scripts/script-schema';
import { RESOURCES_DIR } from '../support/test-core';

const fixture = (): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scripts', 'branching.json'), 'utf8'));
const loaded = (): Script => {
  const result = loadScript(fixture(), 'branching.json');
  if (!result.ok) throw new Error(result.problem.message);
  return result.script;
};
const ctx = (answers: Record<string, boolean | number | string>) => ({ answers, customer: { tier: 'regular' as const } });

describe('script interpreter', () => {
  it('follows the default path and the branches the answers choose', () => {
    const script = loaded();
    expect(nextStepId(script, 'opening', ctx({}))).toBe('identity');
    expect(nextStepId(script, 'identity', ctx({ identity: 'confirmed' }))).toBe('stable');
    expect(nextStepId(script, 'identity', ctx({ identity: 'busy' }))).toBe('reschedule');
    expect(nextStepId(script, 'stable', ctx({ product_stable: true }))).toBe('score');
    expect(nextStepId(script, 'stable', ctx({ product_stable: false }))).toBe('problem');
    expect(nextStepId(script, 'problem', ctx({}))).toBe('score');
    expect(nextStepId(script, 'closing', ctx({}))).toBeNull();
  });

  it('walks a whole call and says whether it reached an end', () => {
    const script = loaded();
    const done = walk(script, ctx({ identity: 'confirmed', product_stable: false, problem: '有异响', satisfaction: 6, nps: 7 }));
    expect(done).toEqual({ path: ['opening', 'identity', 'stable', 'problem', 'score', 'nps', 'closing'], complete: true });
    const stopped = walk(script, ctx({ identity: 'confirmed', product_stable: true }));
    expect(stopped).toEqual({ path: ['opening', 'identity', 'stable', 'score'], complete: false });
    expect(walk(script, ctx({ identity: 'busy' })).path.at(-1)).toBe('reschedule');
  });

  it('validates answers by type', () => {
    const script = loaded();
    const question = (key: string) => script.steps.find((s) => s.question?.key === key)!.question!;
    expect(validateAnswer(question('satisfaction'), 11)).toBe('answer.score');
    expect(validateAnswer(question('satisfaction'), 0)).toBe('answer.score');
    expect(validateAnswer(question('satisfaction'), 10)).toBeNull();
    expect(validateAnswer(question('nps'), 0)).toBeNull();
    expect(validateAnswer(question('nps'), 4.5)).toBe('answer.nps');
    expect(validateAnswer(question('identity'), 'maybe')).toBe('answer.choice');
    expect(validateAnswer(question('product_stable'), 'yes')).toBe('answer.yesno');
    expect(validateAnswer(question('problem'), undefined)).toBe('answer.required');
  });

  it('fills placeholders in the chosen language', () => {
    const script = loaded();
    const values = { customerTitle: '张先生', agentName: '王晓敏', agentNo: 'CS1024', company: '安心售后', product: '空调' };
    expect(fillPlaceholders(localize(script.steps[0]!.say, 'zh-CN'), values)).toBe('您好张先生，我是安心售后的王晓敏，工号CS1024。');
    expect(localize(script.steps[0]!.say, 'zh-TW')).toBe(localize(script.steps[0]!.say, 'zh-CN'));
  });

  it.each([
    ['a goto to a missing step', (s: any) => (s.steps[1].branches[0].goto = 'nowhere'), 'identity', 'goto target "nowhere" does not exist'],
    ['an unknown placeholder', (s: any) => (s.steps[2].say['zh-CN'] = '{{phone}}'), 'stable', 'unknown placeholder "{{phone}}"'],
    ['a disallowed rule operator', (s: any) => (s.steps[1].branches[0].if = { method: ['x', 'y'] }), 'identity', 'rule operator "method" is not allowed'],
    ['a wrong answer type', (s: any) => (s.steps[4].question.type = 'stars'), 'score', 'steps.4.question.type'],
    ['a missing language', (s: any) => delete s.steps[3].say.en, 'problem', 'steps.3.say.en'],
    ['a step with no way to the end', (s: any) => (s.steps[5].next = 'nps'), 'stable', 'no path from this step reaches an end step'],
    ['a duplicate step id', (s: any) => (s.steps[3].id = 'stable'), 'stable', 'duplicate step id'],
  ])('rejects %s, naming the file and the step', (_what, breakIt, stepId, message) => {
    const raw = fixture();
    breakIt(raw);
    const result = loadScript(raw, 'broken.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.file).toBe('broken.json');
    expect(result.problem.stepId).toBe(stepId);
    expect(result.problem.message).toContain(message);
  });

  it('ships one valid script per callback type, each with a busy branch, satisfaction and NPS', () => {
    const files = readdirSync(join(RESOURCES_DIR, 'scripts')).filter((f) => f.endsWith('.json'));
    const types = new Set<string>();
    for (const file of files) {
      const result = loadScript(JSON.parse(readFileSync(join(RESOURCES_DIR, 'scripts', file), 'utf8')), file);
      expect(result.ok ? null : result.problem).toBeNull();
      if (!result.ok) continue;
      const script = result.script;
      types.add(script.callbackType);
      expect(walk(script, ctx({ identity: 'busy' })).path.at(-1)).toBe(script.steps.find((s) => s.end === 'customer_busy')?.id);
      const keys = script.steps.map((s) => s.question?.key);
      expect(keys).toContain('nps');
      expect(script.deescalation.length).toBeGreaterThanOrEqual(5);
    }
    expect([...types].sort()).toEqual([...CALLBACK_TYPES].sort());
  });
});
