import { Alert, Badge, Group, NativeSelect, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { columnLetter } from '../../../../shared/import/import-error';
import { SUPPORTED_ENCODINGS, type FilePreview, type SupportedEncoding } from '../../../../shared/import/import-schemas';
import { headerRowOf } from './import-mapping';
import { useImport } from './import-store';
import { cellText, formatNumber } from './import-text';

/** Enough rows to recognise the data by eye; the mapping rows show samples too. */
const PREVIEW_ROWS = 6;

function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/**
 * What was read from the file: its format and size, the encoding the core detected (and why),
 * with a way to override it when the Chinese comes out garbled, the sheet of a workbook, and the
 * first rows as they were read.
 */
export function SourcePanel(props: { preview: FilePreview }): JSX.Element {
  const { t, i18n } = useTranslation('import');
  const { source } = props.preview;
  const busy = useImport((s) => s.busy);
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const detected = source.encoding;

  return (
    <Paper withBorder radius="md" p="md" data-testid="import-source" data-format={source.format} data-encoding={detected?.encoding ?? ''} data-sheet={source.sheet ?? ''}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h5">
            {t('source.title')}
          </Title>
          <Group gap="xs">
            <Badge tt="none" variant="light" color="gray" data-testid="import-format">
              {t(`source.format.${source.format}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('source.size', { size: formatBytes(source.bytes, locale), rows: formatNumber(source.rows, locale) })}
            </Text>
          </Group>
        </Group>

        <Group gap="md" align="flex-end" wrap="wrap">
          {detected && (
            <NativeSelect
              size="sm"
              w={260}
              label={t('source.encoding')}
              value={detected.encoding}
              disabled={busy !== null}
              onChange={(event) => void useImport.getState().setEncoding(event.currentTarget.value as SupportedEncoding)}
              data={SUPPORTED_ENCODINGS.map((value) => ({ value, label: t(`encoding.${value}`) }))}
              data-testid="import-encoding"
            />
          )}
          {source.sheets && source.sheets.length > 0 && (
            <NativeSelect
              size="sm"
              w={260}
              label={t('source.sheet')}
              value={source.sheet ?? ''}
              disabled={busy !== null}
              onChange={(event) => void useImport.getState().setSheet(event.currentTarget.value)}
              data={source.sheets.map((sheet) => ({ value: sheet.name, label: sheet.hidden ? t('source.hiddenSheet', { name: sheet.name }) : sheet.name }))}
              data-testid="import-sheet"
            />
          )}
        </Group>

        {detected && (
          <Text size="xs" c={detected.confidence === 'low' ? 'orange.8' : 'dimmed'} data-testid="import-encoding-basis" data-basis={detected.basis} data-confidence={detected.confidence}>
            {t('source.detected', { basis: t(`basis.${detected.basis}`), confidence: t(`confidence.${detected.confidence}`) })}
          </Text>
        )}
        {source.decodeErrors > 0 && (
          <Alert color="orange" variant="light" py="xs" data-testid="import-decode-errors">
            {t('source.decodeErrors', { count: source.decodeErrors })}
          </Alert>
        )}

        <PreviewTable preview={props.preview} />
      </Stack>
    </Paper>
  );
}

function PreviewTable({ preview }: { preview: FilePreview }): JSX.Element {
  const { t } = useTranslation('import');
  const headerRow = headerRowOf(preview);
  const rows = preview.rows.filter((row) => row.row > headerRow).slice(0, PREVIEW_ROWS);
  const width = Math.max(preview.headers.length, ...rows.map((row) => row.cells.length));
  const columns = Array.from({ length: width }, (_, i) => i);

  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="import-preview-table" data-rows={0}>
        {t('source.noRows')}
      </Text>
    );
  }
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table withTableBorder withColumnBorders striped verticalSpacing={4} horizontalSpacing="xs" fz="xs" data-testid="import-preview-table" data-rows={rows.length} aria-label={t('source.previewLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>{t('source.row')}</Table.Th>
            {columns.map((index) => (
              <Table.Th key={index} style={{ whiteSpace: 'nowrap' }}>
                <Text span size="xs" c="dimmed" mr={4}>
                  {columnLetter(index)}
                </Text>
                {preview.headers[index] ?? ''}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.row} data-row={row.row}>
              <Table.Td c="dimmed">{row.row}</Table.Td>
              {columns.map((index) => {
                const cell = cellText(row.cells[index]);
                return (
                  <Table.Td key={index} c={cell.problem ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }} title={cell.text}>
                    {cell.text}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
