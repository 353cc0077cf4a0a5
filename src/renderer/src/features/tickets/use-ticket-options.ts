import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useTickets, type TicketOptions } from './tickets-store';

/** Severity keys the seeds' policies use, from most to least pressing; anything else is grey. */
const SEVERITY_COLORS: Record<string, string> = { critical: 'red', urgent: 'red', major: 'orange' };

export function severityColor(key: string): string {
  return SEVERITY_COLORS[key] ?? 'gray';
}

/**
 * The policy's options in the UI language: read on first use and again when the language or
 * the settings change (the core labels severities in the saved language).
 */
export function useTicketOptions(): TicketOptions | null {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const options = useTickets((s) => s.options);
  const loadOptions = useTickets((s) => s.loadOptions);

  useEffect(() => {
    void loadOptions();
  }, [loadOptions, language]);

  useEffect(
    () =>
      api.on('data.changed', (event) => {
        if (event.entities.includes('settings')) void loadOptions(true);
      }),
    [loadOptions],
  );

  return options;
}
