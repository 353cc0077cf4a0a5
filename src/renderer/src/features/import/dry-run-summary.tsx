import { Alert, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './import-text';
import type { DryRunAnswer } from './import-store';
import { IssueTable } from './issue-table';
import { useImport } from './import-store';
import { KnownTiers } from './tier-panel';

type Count = 'create' | 'update' | 'skip' | 'failed';
const COUNTS: { key: Count; color: string }[] = [
  { key: 'create', color: 'teal.8' },
  { key: 'update', color: 'blue.8' },
  { key: 'skip', color: 'gray.7' },
  { key: 'failed', color: 'red.8' },
];
const ENTITIES = ['customer', 'purchase', 'service_record'] as const;

/** How many duplicates are listed inline; the rest are counted (the core caps lists at 1000 anyway). */
const DUPLICATES_SHOWN = 50;

/**
 * The dry run's report: what the import would create, update and skip (overall and per kind of
 * record, since a deliveries file creates customers too), rows that repeat earlier ones, and
 * every failing row with its number and reason. Nothing is written until 导入.
 */
export function DryRunSummary(props: { answer: DryRunAnswer }): JSX.Element {
  const { t, i18n } = useTranslation('import');
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const { summary, rowsPerSecond } = props.answer;
  const counts: Record<Count, number> = {
    create: summary.counts.create,
    update: summary.counts.update,
    skip: summary.counts.skip,
    failed: summary.counts.failedRows,
  };
  const entities = ENTITIES.filter((entity) => summary.byEntity[entity]);
  const unknownTiers = summary.tierValues.filter((value) => value.tier === null);
  const tierSynonyms = useImport((s) => s.answer?.tierSynonyms ?? null);
  const ref = useRef<HTMLDivElement>(null);

  // A fresh report lands below the mapping, out of sight: bring it up.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [props.answer]);

  return (
    <Paper ref={ref} withBorder radius="md" p="md" data-testid="import-summary" data-kind={summary.kind} data-rows={summary.counts.dataRows}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h5">
            {t('summary.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('summary.rowsRead', { rows: formatNumber(summary.counts.dataRows, locale), rate: formatNumber(rowsPerSecond, locale) })}
          </Text>
        </Group>

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {COUNTS.map(({ key, color }) => (
            <Paper key={key} withBorder radius="sm" p="xs" data-testid={`import-count-${key}`} data-count={counts[key]}>
              <Text size="xs" c="dimmed">
                {t(`summary.count.${key}`)}
              </Text>
              <Text size="xl" fw={700} c={counts[key] > 0 ? color : 'dimmed'}>
                {formatNumber(counts[key], locale)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>

        {entities.length > 0 && (
          <Table withTableBorder verticalSpacing={4} horizontalSpacing="sm" fz="sm" maw={520} data-testid="import-by-entity" aria-label={t('summary.byEntity')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('summary.byEntity')}</Table.Th>
                <Table.Th ta="right">{t('summary.count.create')}</Table.Th>
                <Table.Th ta="right">{t('summary.count.update')}</Table.Th>
                <Table.Th ta="right">{t('summary.unchanged')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entities.map((entity) => {
                const entry = summary.byEntity[entity]!;
                return (
                  <Table.Tr key={entity} data-testid="import-entity" data-entity={entity} data-create={entry.create} data-update={entry.update} data-skip={entry.skip}>
                    <Table.Td>{t(`entity.${entity}`)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(entry.create, locale)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(entry.update, locale)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(entry.skip, locale)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}

        {counts.create + counts.update === 0 && counts.failed === 0 && (
          <Text size="sm" c="teal.8" data-testid="import-nothing-to-do">
            {t('summary.nothingToDo')}
          </Text>
        )}

        {summary.duplicates.length > 0 && (
          <Stack gap={4} data-testid="import-duplicates" data-count={summary.duplicates.length}>
            <Text size="sm" fw={500}>
              {t('summary.duplicatesTitle', { count: summary.duplicates.length })}
            </Text>
            <Text size="sm" c="dimmed">
              {summary.duplicates.slice(0, DUPLICATES_SHOWN).map((d, i) => (
                <span key={d.row} data-testid="import-duplicate" data-row={d.row} data-duplicate-of={d.duplicateOf}>
                  {i > 0 ? t('summary.separator') : ''}
                  {t('summary.duplicate', { row: d.row, of: d.duplicateOf })}
                </span>
              ))}
              {summary.duplicates.length > DUPLICATES_SHOWN && t('summary.more', { count: summary.duplicates.length - DUPLICATES_SHOWN })}
            </Text>
          </Stack>
        )}

        {/* Reported once per value, not per row: these rows import, without a customer type. */}
        {unknownTiers.length > 0 && (
          <Alert color="yellow" variant="light" py="xs" title={t('summary.unknownTiersTitle', { count: unknownTiers.length })} data-testid="import-unknown-tiers" data-count={unknownTiers.length}>
            <Stack gap={4}>
              {unknownTiers.map((value) => (
                <Text key={value.value} size="sm" data-testid="import-unknown-tier" data-value={value.value} data-rows={value.rows.join(',')}>
                  {t('summary.unknownTier', { value: value.value, rows: value.rows.join(t('tiers.separator')), count: value.count })}
                </Text>
              ))}
              <Text size="sm">{t('summary.unknownTiersHint')}</Text>
              {tierSynonyms && <KnownTiers t={t} table={tierSynonyms} />}
            </Stack>
          </Alert>
        )}

        {summary.errors.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500} c="red.8">
              {t('summary.errorsTitle', { count: counts.failed })}
            </Text>
            <IssueTable issues={summary.errors} severity="error" />
          </Stack>
        )}

        {summary.warnings.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500} c="orange.8">
              {t('summary.warningsTitle', { count: summary.warnings.length })}
            </Text>
            <IssueTable issues={summary.warnings} severity="warning" />
          </Stack>
        )}

        {summary.truncated && (
          <Alert color="gray" variant="light" py="xs" data-testid="import-truncated">
            {t('summary.truncated')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
