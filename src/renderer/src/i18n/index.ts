import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LOCALES = ['zh-CN', 'en', 'zh-TW'] as const;
export type UiLocale = (typeof LOCALES)[number];

/**
 * Every feature owns its namespace: locales/<locale>/<namespace>.json. zh-CN is the default
 * and the fallback, so a missing translation shows Chinese rather than a key.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, messages] of Object.entries(files)) {
  const [, locale, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  if (!locale || !namespace) continue;
  resources[locale] ??= {};
  resources[locale][namespace] = messages;
}

void i18next.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(resources['zh-CN'] ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;
