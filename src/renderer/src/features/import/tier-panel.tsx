import { Alert, NativeSelect, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_TIERS, type CustomerTier } from '../../../../shared/domain/model';
import type { TierSynonyms } from '../../../../shared/import/tier-synonyms';
import type { MappingSelection, PreviewAnswer } from './import-mapping';
import { useImport } from './import-store';
import { knownSpellings, tierRows } from './tier-values';

/** The spellings the table knows, per tier, as one line each. */
export function KnownTiers(props: { t: TFunction; table: TierSynonyms }): JSX.Element {
  return (
    <Stack gap={0} data-testid="tier-known">
      {knownSpellings(props.table).map(({ tier, spellings }) => (
        <Text key={tier} size="xs" c="dimmed">
          {props.t('tiers.knownLine', { tier: props.t(`common:tier.${tier}`), spellings: spellings.join(props.t('tiers.separator')) })}
        </Text>
      ))}
    </Stack>
  );
}

/**
 * 客户类型对照: the values of the customer-type column, which tier each becomes, editable. A value
 * the table does not know is shown with the known ones; the choice made here is used for this
 * file and kept for the next ones when the file is imported.
 */
export function TierPanel(props: { answer: PreviewAnswer; selection: MappingSelection }): JSX.Element | null {
  const { t } = useTranslation(['import', 'common']);
  const dryRun = useImport((s) => s.dryRun);
  const choices = useImport((s) => s.tierChoices);
  const busy = useImport((s) => s.busy);
  const { rows, wholeFile } = tierRows(props.answer, props.selection, dryRun, choices);
  if (props.selection.fields.indexOf('tier') < 0) return null;
  const unknown = rows.filter((row) => row.tableTier === null && row.chosen === null);
  const tierLabel = (tier: CustomerTier) => t(`common:tier.${tier}`);

  return (
    <Stack gap={6} data-testid="tier-values" data-whole-file={wholeFile ? 'true' : 'false'} data-unknown={unknown.length}>
      <Text size="sm" fw={500}>
        {t('tiers.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t(wholeFile ? 'tiers.fromFile' : 'tiers.fromPreview')}
      </Text>
      {unknown.length > 0 && (
        <Alert color="yellow" variant="light" py="xs" title={t('tiers.unknownTitle', { values: unknown.map((row) => row.value).join(t('tiers.separator')) })} data-testid="tier-unknown">
          <Text size="sm">{t('tiers.unknownHint')}</Text>
          <KnownTiers t={t} table={props.answer.tierSynonyms} />
        </Alert>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={2} horizontalSpacing="sm" fz="sm" maw={720} aria-label={t('tiers.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tiers.value')}</Table.Th>
              <Table.Th>{t('tiers.rows')}</Table.Th>
              <Table.Th w={220}>{t('tiers.tier')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const current = row.chosen ?? row.tableTier;
              const options = [
                ...(row.tableTier === null ? [{ value: '', label: t('tiers.notKnown') }] : []),
                ...CUSTOMER_TIERS.map((tier) => ({ value: tier, label: tierLabel(tier) })),
              ];
              return (
                <Table.Tr key={row.value} data-testid="tier-value" data-value={row.value} data-tier={current ?? ''} bg={current === null ? 'yellow.0' : undefined}>
                  <Table.Td fw={500}>{row.value}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t('tiers.rowList', { rows: row.rows.join(t('tiers.separator')), count: row.count })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      value={current ?? ''}
                      disabled={busy !== null}
                      data={options}
                      aria-label={t('tiers.tierFor', { value: row.value })}
                      data-testid="tier-select"
                      onChange={(event) => {
                        const picked = (event.currentTarget.value || null) as CustomerTier | null;
                        useImport.getState().setTierChoice(row.value, picked === row.tableTier ? null : picked);
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
