import { Alert, Badge, Group, List, NativeSelect, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_KINDS, KIND_FIELDS, type ImportField, type ImportKind } from '../../../../shared/import/column-mapping';
import { columnLetter } from '../../../../shared/import/import-error';
import type { FilePreview } from '../../../../shared/import/import-schemas';
import { headerRowOf, LOW_CONFIDENCE, problemsOf, type DayMonthOrder, type MappingProblem, type MappingSelection } from './import-mapping';
import { useImport } from './import-store';
import { cellText } from './import-text';
import { TierPanel } from './tier-panel';

const DAY_MONTH_ORDERS: DayMonthOrder[] = ['reject', 'MDY', 'DMY'];
/** Sample values per column: two are enough to tell a phone from a serial number. */
const SAMPLES = 2;

function problemText(t: TFunction, problem: MappingProblem): string {
  return problem.code === 'required' ? t('mapping.problem.required', { field: t(`field.${problem.field}`) }) : t('mapping.problem.customerKey');
}

/**
 * Which column holds which field: the kind of list first (it decides the fields), then a select
 * per file column, filled from the mapping used last time for this layout or from the guess.
 * Guesses worth a second look are highlighted; what blocks the dry run is listed below, and the
 * customer types found in the file with the tier each becomes (TierPanel).
 */
export function MappingPanel(props: { preview: FilePreview; selection: MappingSelection }): JSX.Element {
  const { t } = useTranslation('import');
  const { preview, selection } = props;
  const busy = useImport((s) => s.busy);
  const answer = useImport((s) => s.answer);
  const scores = preview.guess?.kindScores;
  const problems = problemsOf(selection);
  const headerRow = headerRowOf(preview);
  const dataRows = preview.rows.filter((row) => row.row > headerRow).slice(0, SAMPLES);
  const specs = KIND_FIELDS[selection.kind];
  const fieldOptions = [
    { value: '', label: t('mapping.skip') },
    ...specs.map((spec) => ({ value: spec.field, label: spec.required === true ? t('mapping.requiredField', { field: t(`field.${spec.field}`) }) : t(`field.${spec.field}`) })),
  ];

  return (
    <Paper withBorder radius="md" p="md" data-testid="import-mapping" data-kind={selection.kind} data-from={selection.from}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h5">
            {t('mapping.title')}
          </Title>
          {selection.from === 'remembered' && (
            <Badge tt="none" variant="light" color="teal" data-testid="mapping-remembered">
              {t('mapping.remembered')}
            </Badge>
          )}
        </Group>

        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="import-kind-label">
              {t('mapping.kind')}
            </Text>
            <SegmentedControl
              value={selection.kind}
              disabled={busy !== null}
              onChange={(value) => useImport.getState().setKind(value as ImportKind)}
              data={IMPORT_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
              aria-labelledby="import-kind-label"
              data-testid="import-kind"
              data-value={selection.kind}
              data-scores={scores ? JSON.stringify(scores) : undefined}
            />
          </Stack>
          <NativeSelect
            size="sm"
            w={280}
            label={t('mapping.dayMonth')}
            value={selection.dayMonthOrder}
            disabled={busy !== null}
            onChange={(event) => useImport.getState().setDayMonthOrder(event.currentTarget.value as DayMonthOrder)}
            data={DAY_MONTH_ORDERS.map((value) => ({ value, label: t(`mapping.dayMonthOrder.${value}`) }))}
            data-testid="import-day-month"
          />
        </Group>
        {selection.kind === 'service_records' && (
          <Text size="xs" c="orange.8" data-testid="import-service-records-note">
            {t('mapping.serviceRecordsNote')}
          </Text>
        )}

        <ScrollArea type="auto" offsetScrollbars>
          <Table verticalSpacing={4} horizontalSpacing="sm" aria-label={t('mapping.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>{t('mapping.column')}</Table.Th>
                <Table.Th>{t('mapping.header')}</Table.Th>
                <Table.Th>{t('mapping.samples')}</Table.Th>
                <Table.Th w={240}>{t('mapping.field')}</Table.Th>
                <Table.Th w={150}>{t('mapping.match')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.headers.map((header, index) => {
                const field = selection.fields[index] ?? null;
                const confidence = selection.confidence[index] ?? 0;
                const decided = selection.decided[index] ?? false;
                // The user's own choice needs no second look.
                const low = field !== null && !decided && confidence < LOW_CONFIDENCE;
                const samples = dataRows.map((row) => cellText(row.cells[index]).text).filter((text) => text !== '');
                const name = header || t('mapping.untitled', { column: columnLetter(index) });
                return (
                  <Table.Tr
                    key={index}
                    data-testid="mapping-row"
                    data-column={index}
                    data-field={field ?? ''}
                    data-low-confidence={low ? 'true' : 'false'}
                    bg={low ? 'yellow.0' : undefined}
                  >
                    <Table.Td c="dimmed">{columnLetter(index)}</Table.Td>
                    <Table.Td fw={500}>{name}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={1} maw={260} title={samples.join(' / ')}>
                        {samples.join(' / ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        size="xs"
                        value={field ?? ''}
                        disabled={busy !== null}
                        onChange={(event) => useImport.getState().setField(index, (event.currentTarget.value || null) as ImportField | null)}
                        data={fieldOptions}
                        aria-label={t('mapping.fieldFor', { header: name })}
                        data-testid={`mapping-field-${index}`}
                        styles={low ? { input: { borderColor: 'var(--mantine-color-yellow-6)' } } : undefined}
                      />
                    </Table.Td>
                    <Table.Td>
                      <MatchBadge t={t} field={field} confidence={confidence} decided={decided} from={selection.from} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>

        {answer && <TierPanel answer={answer} selection={selection} />}

        {problems.length > 0 ? (
          <Alert color="orange" variant="light" title={t('mapping.problemsTitle')} data-testid="mapping-problems" data-count={problems.length}>
            <List size="sm" spacing={2}>
              {problems.map((problem) => (
                <List.Item key={problem.code === 'required' ? problem.field : problem.code} data-testid="mapping-problem">
                  {problemText(t, problem)}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : (
          <Text size="xs" c="dimmed">
            {t('mapping.complete')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function MatchBadge(props: { t: TFunction; field: ImportField | null; confidence: number; decided: boolean; from: MappingSelection['from'] }): JSX.Element {
  const { t, field, confidence, decided, from } = props;
  if (field === null) return <Text size="xs" c="dimmed">{t('mapping.notImported')}</Text>;
  if (decided) {
    return (
      <Badge size="sm" tt="none" variant="light" color="gray">
        {t('mapping.matchManual')}
      </Badge>
    );
  }
  if (from === 'remembered') {
    return (
      <Badge size="sm" tt="none" variant="light" color="teal">
        {t('mapping.matchRemembered')}
      </Badge>
    );
  }
  if (confidence < LOW_CONFIDENCE) {
    return (
      <Badge size="sm" tt="none" variant="light" color="yellow" title={t('mapping.lowHint')}>
        {t('mapping.matchLow', { percent: Math.round(confidence * 100) })}
      </Badge>
    );
  }
  return (
    <Badge size="sm" tt="none" variant="light" color="blue">
      {t('mapping.matchGood', { percent: Math.round(confidence * 100) })}
    </Badge>
  );
}
