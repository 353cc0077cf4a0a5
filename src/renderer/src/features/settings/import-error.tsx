import { Alert, Text } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ICS_MAX_CHARS } from '../../../../shared/api/sla-contract';
import { describeApiError } from '../shell/api-error';
import type { SettingsFailure } from './settings-store';

/**
 * Why an .ics file was not taken, and that the calendar is unchanged. The core's reason names
 * the file and the problem (a line, an event); it is technical English, so it is shown as the
 * detail under a translated sentence. A refusal for the role is shown by the screen instead.
 */
export function ImportError({ failure }: { failure: SettingsFailure }): JSX.Element | null {
  const { t } = useTranslation(['settings', 'common']);
  if (failure.kind === 'api' && failure.error.code === 'unauthorized') return null;
  const fileName = failure.fileName ?? '';
  let detail: string;
  if (failure.kind !== 'api') {
    detail = failure.kind === 'too_large' ? t('calendar.tooLarge', { file: failure.fileName, max: Math.round(ICS_MAX_CHARS / 1000) }) : t('calendar.unreadable', { file: failure.fileName });
  } else if (failure.error.fields?.reason === 'list_year_gap') {
    detail = t('calendar.yearGap', { file: fileName, year: failure.error.fields.year ?? '' });
  } else detail = failure.error.code === 'invalid_input' ? failure.error.message : describeApiError(t, failure.error);
  return (
    <Alert color="red" variant="light" role="alert" title={t('calendar.importFailed')} data-testid="ics-import-error" data-file={fileName}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {detail}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('calendar.unchanged')}
      </Text>
    </Alert>
  );
}
