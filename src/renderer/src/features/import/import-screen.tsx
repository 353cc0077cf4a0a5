import { Box, Center, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { DryRunSummary } from './dry-run-summary';
import { FilePicker } from './file-picker';
import { ImportActions, ImportFailureAlert, ImportResult } from './import-actions';
import { ImportProgressBar } from './import-progress';
import { useImport } from './import-store';
import { MappingPanel } from './mapping-panel';
import { SourcePanel } from './source-panel';

/**
 * 导入: a CRM export (customers, deliveries, service records) into the store, one file at a
 * time and top to bottom: the file as read, the column mapping, the dry run's report, the apply.
 * The buttons and the progress sit in a footer, so they stay in reach however long the mapping is.
 */
export function ImportScreen(): JSX.Element {
  const { t } = useTranslation(['import', 'common']);
  const busy = useImport((s) => s.busy);
  const answer = useImport((s) => s.answer);
  const selection = useImport((s) => s.selection);
  const dryRun = useImport((s) => s.dryRun);
  const result = useImport((s) => s.result);
  const reading = busy === 'upload' || (busy === 'preview' && !answer);

  useEffect(() => useImport.getState().connect(), []);

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-testid="import-screen" data-busy={busy ?? ''}>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap="md" p="md" maw={1200}>
          <div>
            <Title order={1} size="h4">
              {t('title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('intro')}
            </Text>
          </div>

          <FilePicker />
          {reading && (
            <Center py="md">
              <Group gap="xs">
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  {t(busy === 'upload' ? 'progress.upload' : 'progress.preview')}
                </Text>
              </Group>
            </Center>
          )}
          <ImportFailureAlert where="file" />

          {/* Once applied, the file is gone from the core: its preview and mapping are history, the result is what counts. */}
          {answer && !result && <SourcePanel preview={answer.preview} />}
          {answer && selection && !result && answer.preview.headers.length > 0 && <MappingPanel preview={answer.preview} selection={selection} />}
          {answer && !result && answer.preview.headers.length === 0 && (
            <Text size="sm" c="red.8" data-testid="import-no-headers">
              {t('mapping.noHeaders')}
            </Text>
          )}
          {dryRun && !result && <DryRunSummary answer={dryRun} />}
          {result && <ImportResult result={result} />}
        </Stack>
      </ScrollArea>

      {answer && selection && !result && (
        <Box px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)', background: 'var(--mantine-color-body)' }}>
          <Stack gap="xs" maw={1200}>
            <ImportFailureAlert where="run" />
            <ImportProgressBar />
            <ImportActions />
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
