import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../../shared/api/contract';

interface Props {
  detail: CustomerDetail;
  title: string;
  onDial(): void;
  onHistory(): void;
  dialError: string | null;
}

const minutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Who we are calling: profile, masked phone with dial, purchases, past calls and scores. */
export function CustomerCard({ detail, title, onDial, onHistory, dialError }: Props) {
  const { t } = useTranslation(['call', 'common']);
  const { customer } = detail;
  return (
    <Stack gap="sm">
      <Paper withBorder p="md" radius="md" data-testid="customer-card">
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap">
            <Title order={4}>{customer.name}</Title>
            <Badge color={customer.tier === 'high_value' ? 'grape' : customer.tier === 'new' ? 'teal' : 'gray'}>
              {t(`common:tier.${customer.tier}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {title} · {customer.customerNo} · {customer.city} · {customer.timeZone}
          </Text>
          <Group gap="xs">
            <Text ff="monospace" data-testid="customer-phone">
              {customer.phoneMasked}
            </Text>
            <Button size="compact-sm" onClick={onDial} data-testid="dial">
              {t('dial')} (Alt+D)
            </Button>
            <Button size="compact-sm" variant="default" onClick={onHistory} data-testid="open-history">
              {t('history')}
            </Button>
          </Group>
          {dialError && (
            <Text c="red" size="sm">
              {dialError}
            </Text>
          )}
          {customer.contactWindow && (
            <Text size="sm">{t('contactWindow', { from: minutes(customer.contactWindow.start), to: minutes(customer.contactWindow.end) })}</Text>
          )}
          {customer.tags.length > 0 && (
            <Group gap={4}>
              {customer.tags.map((tag) => (
                <Badge key={tag} variant="outline" size="sm">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm" mb={4}>
          {t('purchases')}
        </Text>
        <ScrollArea.Autosize mah={180}>
          <Table fz="xs" verticalSpacing={2} data-testid="purchases">
            <Table.Tbody>
              {detail.purchases.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {p.productLine} {p.model}
                    <Text size="xs" c="dimmed">
                      {p.serialNo}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t('purchased', { date: p.purchaseDate })}
                    {p.deliveryDate && <Text size="xs">{t('delivered', { date: p.deliveryDate })}</Text>}
                    {p.warrantyEnd && <Text size="xs">{t('warrantyEnd', { date: p.warrantyEnd })}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm" mb={4}>
          {t('pastCalls')}
        </Text>
        {detail.calls.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('noPastCalls')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={180}>
            <Table fz="xs" verticalSpacing={2} data-testid="past-calls">
              <Table.Tbody>
                {detail.calls.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{format(c.startedAt, 'yyyy-MM-dd HH:mm')}</Table.Td>
                    <Table.Td>{t(`common:callbackType.${c.callbackType}`)}</Table.Td>
                    <Table.Td>{c.disposition ? t(`common:disposition.${c.disposition}`) : ''}</Table.Td>
                    <Table.Td>
                      {c.satisfaction !== null ? t('scoreShort', { score: c.satisfaction }) : ''}
                      {c.nps !== null ? ` · NPS ${c.nps}` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Text size="xs" c="dimmed" mt={4}>
          {t('issuesComing')}
        </Text>
      </Paper>
    </Stack>
  );
}
