import { Table, Text } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '../../../../shared/domain/model';

export function PurchasesTable(props: { purchases: Purchase[] }): JSX.Element {
  const { t } = useTranslation('history');
  if (props.purchases.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('noPurchases')}
      </Text>
    );
  }
  const none = t('call.none');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder verticalSpacing={6} fz="sm" data-testid="history-purchases">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('purchase.productLine')}</Table.Th>
            <Table.Th>{t('purchase.model')}</Table.Th>
            <Table.Th>{t('purchase.serialNo')}</Table.Th>
            <Table.Th>{t('purchase.purchaseDate')}</Table.Th>
            <Table.Th>{t('purchase.deliveryDate')}</Table.Th>
            <Table.Th>{t('purchase.warrantyEnd')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.purchases.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.productLine}</Table.Td>
              <Table.Td>{p.model}</Table.Td>
              <Table.Td ff="monospace">{p.serialNo}</Table.Td>
              <Table.Td>{p.purchaseDate}</Table.Td>
              <Table.Td>{p.deliveryDate ?? none}</Table.Td>
              <Table.Td>{p.warrantyEnd ?? none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
