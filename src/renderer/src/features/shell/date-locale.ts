import type { Locale as DateFnsLocale } from 'date-fns';
import { enUS, zhCN, zhTW } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

const DATE_LOCALES: Record<string, DateFnsLocale> = { 'zh-CN': zhCN, en: enUS, 'zh-TW': zhTW };

/** date-fns locale that follows the UI language, so month names and distances match the labels around them. */
export function useDateLocale(): DateFnsLocale {
  const { i18n } = useTranslation();
  return DATE_LOCALES[i18n.resolvedLanguage ?? i18n.language] ?? zhCN;
}
