import { ScrollArea, Table, Text } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowIssue } from '../../../../shared/import/import-error';
import { issueText } from './import-text';

/**
 * Rows that fail (or import with a warning): the row number as Excel shows it, the column and
 * cell, and why. The translated reason leads; the core's English reason carries the value.
 */
export function IssueTable(props: { issues: RowIssue[]; severity: 'error' | 'warning' }): JSX.Element {
  const { t } = useTranslation('import');
  const testId = props.severity === 'error' ? 'import-error-row' : 'import-warning-row';
  return (
    <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
      <Table
        stickyHeader
        striped
        verticalSpacing={4}
        horizontalSpacing="sm"
        fz="sm"
        aria-label={t(props.severity === 'error' ? 'summary.errorsTitle' : 'summary.warningsTitle')}
        data-testid={props.severity === 'error' ? 'import-errors' : 'import-warnings'}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={72}>{t('summary.row')}</Table.Th>
            <Table.Th w={180}>{t('summary.column')}</Table.Th>
            <Table.Th w={72}>{t('summary.cell')}</Table.Th>
            <Table.Th>{t('summary.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.issues.map((issue, i) => (
            <Table.Tr key={`${issue.row}-${issue.cell ?? ''}-${issue.code}-${i}`} data-testid={testId} data-row={issue.row} data-code={issue.code} data-cell={issue.cell ?? ''}>
              <Table.Td fw={500}>{t('summary.rowNumber', { row: issue.row })}</Table.Td>
              <Table.Td>{issue.column ?? t('summary.wholeRow')}</Table.Td>
              <Table.Td ff="monospace">{issue.cell ?? ''}</Table.Td>
              <Table.Td>
                <Text size="sm" c={props.severity === 'error' ? 'red.8' : 'orange.8'}>
                  {issueText(t, issue)}
                </Text>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                  {issue.reason}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
