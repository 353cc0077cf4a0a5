import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeApiError } from '../../src/renderer/src/features/shell/api-error';
import { REPO_ROOT } from '../support/test-core';

async function translator(locale: string) {
  const load = (lng: string, ns: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'renderer', 'src', 'i18n', 'locales', lng, `${ns}.json`), 'utf8')) as Record<string, unknown>;
  const i18n = createInstance();
  await i18n.init({
    lng: locale,
    fallbackLng: 'zh-CN',
    defaultNS: 'common',
    ns: ['common', 'tickets'],
    resources: Object.fromEntries(['zh-CN', 'en', 'zh-TW'].map((lng) => [lng, { common: load(lng, 'common'), tickets: load(lng, 'tickets') }])),
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('errors as the UI says them', () => {
  it('says why an edit of a complaint under legal handling is refused, from its reason code, in each language', async () => {
    const frozen = { code: 'conflict' as const, message: 'issue CP20261202-K7QD-001 is under legal handling: its evidence is frozen', fields: { ticketId: 'evidence_frozen' } };
    expect(describeApiError(await translator('zh-CN'), frozen)).toBe('该投诉已转交法务，证据已冻结，不能修改');
    expect(describeApiError(await translator('zh-TW'), frozen)).toBe('該投訴已轉交法務，證據已凍結，不能修改');
    expect(describeApiError(await translator('en'), frozen)).toBe('This complaint is with legal and its evidence is frozen');
  });

  it('keeps the generic sentence with the detail for a field message that is no reason code', async () => {
    const t = await translator('zh-CN');
    const text = describeApiError(t, { code: 'invalid_input', message: 'symptom: too long', fields: { symptom: 'String must contain at most 2000 character(s)' } });
    expect(text).toContain('symptom: too long');
  });
});
