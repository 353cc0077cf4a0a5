import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * zh-CN is the source language; en and zh-TW must say the same things. A key missing in one
 * locale shows the agent Chinese (the fallback) in the middle of an English screen, and a
 * placeholder missing from a translation drops a value (a name, a time) from the sentence.
 */
const LOCALES_DIR = join(import.meta.dirname, '../../src/renderer/src/i18n/locales');
const SOURCE = 'zh-CN';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

/** i18next plural forms (_one, _other, ...) differ by language; compare on the base key. */
function baseKey(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '');
}

function load(locale: string, namespace: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(LOCALES_DIR, locale, `${namespace}.json`), 'utf8')));
}

const locales = readdirSync(LOCALES_DIR);
const namespaces = readdirSync(join(LOCALES_DIR, SOURCE)).map((f) => f.replace(/\.json$/, ''));

describe('UI translations', () => {
  it('ships zh-CN, en and zh-TW with the same namespaces', () => {
    expect(locales.sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
    for (const locale of locales) {
      expect(readdirSync(join(LOCALES_DIR, locale)).sort(), locale).toEqual(namespaces.map((n) => `${n}.json`).sort());
    }
  });

  for (const locale of locales.filter((l) => l !== SOURCE)) {
    for (const namespace of namespaces) {
      it(`${locale}/${namespace} has every zh-CN key, no extra key, and the same placeholders`, () => {
        const source = load(SOURCE, namespace);
        const target = load(locale, namespace);
        const sourceBases = new Set([...source.keys()].map(baseKey));
        const targetBases = new Set([...target.keys()].map(baseKey));
        expect([...sourceBases].filter((k) => !targetBases.has(k)), 'missing').toEqual([]);
        expect([...targetBases].filter((k) => !sourceBases.has(k)), 'extra').toEqual([]);
        for (const [key, text] of source) {
          const translated = target.get(key) ?? target.get(`${baseKey(key)}_other`);
          if (translated === undefined) continue; // plural forms checked through _other
          expect(placeholders(translated), `${namespace}:${key}`).toEqual(placeholders(text));
          expect(translated.trim(), `${namespace}:${key} is empty`).not.toBe('');
        }
      });
    }
  }
});
