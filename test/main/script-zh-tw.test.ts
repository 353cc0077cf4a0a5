// Seed 001 is written in Traditional characters: a zh-TW agent reads the call scripts in zh-TW,
// not in the Simplified text they fell back to before.
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { ScriptCatalog } from '../../src/main/services/script-catalog';
import { CALLBACK_TYPES } from '../../src/shared/domain/model';
import { localize } from '../../src/shared/scripts/script-interpreter';
import type { LocalizedText } from '../../src/shared/scripts/script-schema';
import { join } from 'node:path';
import { RESOURCES_DIR } from '../support/test-core';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string).sort();

/** Every LocalizedText in a script, with where it is. */
function texts(node: unknown, path: string, out: { path: string; text: LocalizedText }[] = []): { path: string; text: LocalizedText }[] {
  if (Array.isArray(node)) node.forEach((item, i) => texts(item, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record['zh-CN'] === 'string' && typeof record.en === 'string') out.push({ path, text: record as LocalizedText });
    else for (const [key, value] of Object.entries(record)) texts(value, `${path}.${key}`, out);
  }
  return out;
}

describe('call scripts in zh-TW', () => {
  const catalog = new ScriptCatalog(join(RESOURCES_DIR, 'scripts'));

  it('every callback type has a script whose every text has zh-TW, in Traditional characters, with the zh-CN placeholders', () => {
    expect(catalog.problems).toEqual([]);
    for (const type of CALLBACK_TYPES) {
      const script = catalog.forType(type).script;
      expect(script, type).not.toBeNull();
      const all = texts(script, script!.id);
      expect(all.length).toBeGreaterThan(20);
      for (const { path, text } of all) {
        const tw = text['zh-TW'];
        expect(tw, `${path} has no zh-TW`).toBeTypeOf('string');
        expect(tw!.length, path).toBeGreaterThan(0);
        // No Simplified character left: converting to Traditional changes nothing.
        expect(toTraditional(tw!), path).toBe(tw);
        expect(placeholders(tw!), path).toEqual(placeholders(text['zh-CN']));
      }
    }
  });

  it('shows the zh-TW text, not the Simplified one, for the zh-TW locale', () => {
    const script = catalog.forType('routine_early').script!;
    const opening = script.steps[0]!.say;
    expect(localize(opening, 'zh-TW')).not.toBe(opening['zh-CN']);
    expect(localize(opening, 'zh-TW')).toContain('售後服務中心');
    expect(localize(script.title, 'zh-TW')).toBe('常規回訪：使用初期（交付後7至15天）');
  });
});
