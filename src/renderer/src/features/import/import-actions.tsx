import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../navigation/navigation-store';
import { problemsOf } from './import-mapping';
import { useImport, type ApplyAnswer } from './import-store';
import { describeFailure, formatNumber } from './import-text';

/**
 * 预检 then 导入: the dry run is needed first, and again after any change to the mapping (the
 * store drops the old report), so what is applied is what the agent saw. Rows that fail are left
 * out; the rest is written all at once.
 */
export function ImportActions(): JSX.Element {
  const { t } = useTranslation('import');
  const busy = useImport((s) => s.busy);
  const selection = useImport((s) => s.selection);
  const dryRun = useImport((s) => s.dryRun);
  const cancelled = useImport((s) => s.cancelled);
  const applyRef = useRef<HTMLButtonElement>(null);
  const blocked = !selection || problemsOf(selection).length > 0;
  const changes = dryRun ? dryRun.summary.counts.create + dryRun.summary.counts.update : 0;
  const failed = dryRun?.summary.counts.failedRows ?? 0;

  // After the report the next step is the apply: the keyboard lands there.
  useEffect(() => {
    if (dryRun && changes > 0) applyRef.current?.focus();
  }, [dryRun, changes]);

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <Button variant={dryRun ? 'default' : 'filled'} onClick={() => void useImport.getState().runDryRun()} disabled={blocked || busy !== null} loading={busy === 'dryRun'} data-testid="import-dry-run">
          {dryRun ? t('actions.dryRunAgain') : t('actions.dryRun')}
        </Button>
        <Button
          ref={applyRef}
          color="teal"
          onClick={() => void useImport.getState().apply()}
          disabled={!dryRun || changes === 0 || busy !== null}
          loading={busy === 'apply'}
          data-testid="import-apply"
        >
          {dryRun && changes > 0 ? t('actions.applyCount', { count: changes }) : t('actions.apply')}
        </Button>
        <Text size="xs" c="dimmed">
          {!dryRun ? t('actions.dryRunFirst') : failed > 0 && changes > 0 ? t('actions.failedLeftOut', { count: failed }) : changes > 0 ? t('actions.allOrNothing') : ''}
        </Text>
      </Group>
      {cancelled && (
        <Text size="sm" c="dimmed" data-testid="import-cancelled" data-action={cancelled}>
          {t(`actions.cancelled.${cancelled}`)}
        </Text>
      )}
    </Stack>
  );
}

/** Shown where it happened: a file that cannot be read under the file, a failed run under the buttons. */
export function ImportFailureAlert(props: { where: 'file' | 'run' }): JSX.Element | null {
  const { t } = useTranslation('import');
  const failure = useImport((s) => s.failure);
  if (!failure) return null;
  const fileStep = failure.action === 'upload' || failure.action === 'preview';
  if (fileStep !== (props.where === 'file')) return null;
  const described = describeFailure(t, failure);
  return (
    <Alert color="red" variant="light" role="alert" title={t(`failed.${failure.action}`)} data-testid="import-error" data-action={failure.action} data-code={described.code}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {described.text}
      </Text>
      {described.detail && (
        <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-word' }}>
          {described.detail}
        </Text>
      )}
      {failure.action === 'apply' && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('failed.nothingWritten')}
        </Text>
      )}
    </Alert>
  );
}

/** What the apply wrote, and the callbacks it planned; the queue is where those now wait. */
export function ImportResult(props: { result: ApplyAnswer }): JSX.Element {
  const { t, i18n } = useTranslation('import');
  const go = useNavigation((s) => s.go);
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const { created, updated, tasksPlanned } = props.result;
  const facts = [
    { key: 'created', value: created },
    { key: 'updated', value: updated },
    { key: 'tasksPlanned', value: tasksPlanned },
  ] as const;
  return (
    <Paper withBorder radius="md" p="md" bg="teal.0" data-testid="import-result" data-created={created} data-updated={updated} data-tasks={tasksPlanned}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('result.title')}
        </Title>
        <SimpleGrid cols={3} spacing="sm" maw={560}>
          {facts.map((fact) => (
            <div key={fact.key} data-testid={`import-result-${fact.key}`} data-count={fact.value}>
              <Text size="xs" c="dimmed">
                {t(`result.${fact.key}`)}
              </Text>
              <Text size="xl" fw={700}>
                {formatNumber(fact.value, locale)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {tasksPlanned > 0 ? t('result.tasksNote', { count: tasksPlanned }) : t('result.noTasks')}
        </Text>
        <Group gap="sm">
          <Button onClick={() => go({ name: 'queue' })} data-testid="import-go-queue" autoFocus>
            {t('result.toQueue')}
          </Button>
          <Button variant="default" onClick={() => useImport.getState().reset()} data-testid="import-again">
            {t('result.again')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
