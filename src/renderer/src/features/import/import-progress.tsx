import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useImport } from './import-store';
import { formatNumber } from './import-text';

/**
 * A running dry run or apply: how far through the file (by bytes, the only measure known before
 * the end), rows read and the rate, and a way to stop it. Shown from the start, before the first
 * progress event, so cancel is there at once.
 */
export function ImportProgressBar(): JSX.Element | null {
  const { t, i18n } = useTranslation('import');
  const busy = useImport((s) => s.busy);
  const event = useImport((s) => s.progress);
  const cancelling = useImport((s) => s.cancelling);
  if (busy !== 'dryRun' && busy !== 'apply' && busy !== 'preview') return null;
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const progress = event?.progress;
  const percent = progress && progress.totalBytes > 0 ? Math.min(100, (progress.bytesRead / progress.totalBytes) * 100) : null;
  const phase = event?.phase ?? (busy === 'apply' ? 'applying' : 'reading');

  return (
    <Paper withBorder radius="md" p="sm" data-testid="import-progress" data-action={busy} data-phase={phase} data-rows={progress?.rowsRead ?? 0} aria-live="polite">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500}>
            {t(`progress.${busy}`)}
          </Text>
          <Button size="xs" variant="default" color="red" onClick={() => void useImport.getState().cancel()} loading={cancelling} data-testid="import-cancel">
            {t('progress.cancel')}
          </Button>
        </Group>
        {/* Before the first event (or in the apply's write) the amount is unknown: an animated bar says "working". */}
        <Progress
          value={percent ?? 100}
          animated={percent === null || percent >= 100}
          striped={percent === null}
          size="md"
          aria-label={t(`progress.${busy}`)}
          aria-valuenow={percent === null ? undefined : Math.round(percent)}
        />
        <Text size="xs" c="dimmed" data-testid="import-progress-rate" data-rate={Math.round(progress?.rowsPerSecond ?? 0)}>
          {progress
            ? t('progress.rows', { rows: formatNumber(progress.rowsRead, locale), rate: formatNumber(progress.rowsPerSecond, locale), percent: Math.round(percent ?? 0) })
            : t('progress.starting')}
        </Text>
      </Stack>
    </Paper>
  );
}
