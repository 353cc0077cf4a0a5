import { SegmentedControl } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { Locale } from '../../../../shared/domain/model';
import { LOCALES } from '../../i18n';
import { useSession } from '../session/session-store';
import { notifyApiError } from './notify-error';

/** Language switch; the choice is saved in the workspace settings so the next start uses it too. */
export function LocaleSwitch(): JSX.Element {
  const { t, i18n } = useTranslation();
  const setLocale = useSession((s) => s.setLocale);
  const current = i18n.resolvedLanguage ?? i18n.language;

  const onChange = async (value: string): Promise<void> => {
    const parsed = Locale.safeParse(value);
    if (!parsed.success) return;
    const error = await setLocale(parsed.data);
    if (error) notifyApiError('common:error.title', error);
  };

  return (
    <SegmentedControl
      size="xs"
      value={current}
      onChange={(value) => void onChange(value)}
      aria-label={t('shell.language')}
      data-testid="locale-switch"
      // Each language is named in itself, so an agent who cannot read the current one still finds theirs.
      data={LOCALES.map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))}
    />
  );
}
