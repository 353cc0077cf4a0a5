import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES, ROW_ISSUE_CODES } from '../../../src/shared/import/import-error';

const LOCALES = join(import.meta.dirname, '../../../src/renderer/src/i18n/locales');

describe('import reason codes', () => {
  it.each(['zh-CN', 'en', 'zh-TW'])('every row issue and file refusal has its own text in %s', (locale) => {
    const texts = JSON.parse(readFileSync(join(LOCALES, locale, 'import.json'), 'utf8')) as { issue: Record<string, string>; fileError: Record<string, string> };
    expect(ROW_ISSUE_CODES.filter((code) => !texts.issue[code])).toEqual([]);
    expect(IMPORT_ERROR_CODES.filter((code) => !texts.fileError[code])).toEqual([]);
  });
});
