import { Badge, Button, Group, Kbd, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../../shared/api/contract';
import { useDateLocale } from '../shell/date-locale';
import { TIER_COLORS } from '../queue/enum-colors';
import { CustomerTickets } from '../tickets/customer-tickets';
import { ProofCheck } from './proof-check';

interface Props {
  detail: CustomerDetail;
  /** The callback's purchase: its order or invoice number can be checked during the identity check. */
  purchaseId?: string | null;
  title: string;
  onDial(): void;
  onHistory(): void;
  dialError: string | null;
}

const minutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Who we are calling: profile, masked phone with dial, purchases, past calls and scores. */
export function CustomerCard({ detail, purchaseId, title, onDial, onHistory, dialError }: Props) {
  const { t } = useTranslation(['call', 'common']);
  const dateLocale = useDateLocale();
  const { customer } = detail;
  const calls = [...detail.calls].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" radius="md" data-testid="customer-card">
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Title order={3} size="h4" data-testid="customer-name">
                {customer.name}
              </Title>
              <Text size="sm" c="dimmed">
                {title}
              </Text>
            </div>
            <Badge variant="light" color={TIER_COLORS[customer.tier]} data-testid="customer-tier">
              {t(`common:tier.${customer.tier}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('customerNo', { no: customer.customerNo })} · {customer.city}
          </Text>
          <Group gap="xs">
            <Text ff="monospace" fw={600} data-testid="customer-phone">
              {customer.phoneMasked}
            </Text>
            <Button
              size="compact-sm"
              onClick={onDial}
              data-testid="dial"
              rightSection={
                <Kbd size="xs" fz={10}>
                  Alt+D
                </Kbd>
              }
            >
              {t('dial')}
            </Button>
          </Group>
          {dialError && (
            <Text c="red" size="sm" role="alert" data-testid="dial-error">
              {dialError}
            </Text>
          )}
          {purchaseId && <ProofCheck purchaseId={purchaseId} />}
          {customer.contactWindow && (
            <Text size="sm">{t('contactWindow', { from: minutes(customer.contactWindow.start), to: minutes(customer.contactWindow.end) })}</Text>
          )}
          {customer.tags.length > 0 && (
            <Group gap={4} data-testid="customer-tags">
              {customer.tags.map((tag) => (
                <Badge key={tag} variant="outline" color="gray" size="sm" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
          <Button size="compact-sm" variant="default" onClick={onHistory} data-testid="open-history" w="fit-content">
            {t('history')}
          </Button>
        </Stack>
      </Paper>

      <CustomerTickets customerId={customer.id} />

      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm" mb={4}>
          {t('purchases')}
        </Text>
        {detail.purchases.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('noPurchases')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={220}>
            <Stack gap={6} data-testid="purchases">
              {detail.purchases.map((p) => (
                <div key={p.id} data-testid="purchase">
                  <Text size="sm" fw={500}>
                    {p.productLine} {p.model}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {p.serialNo}
                  </Text>
                  <Text size="xs">
                    {[
                      t('purchased', { date: p.purchaseDate }),
                      p.deliveryDate ? t('delivered', { date: p.deliveryDate }) : null,
                      p.warrantyEnd ? t('warrantyEnd', { date: p.warrantyEnd }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Paper>

      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm" mb={4}>
          {t('pastCalls')}
        </Text>
        {calls.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('noPastCalls')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={240}>
            <Stack gap={6} data-testid="past-calls">
              {calls.map((c) => (
                <div key={c.id} data-testid="past-call">
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text size="xs" fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {format(c.startedAt, t('pastCall.dateFormat'), { locale: dateLocale })}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {t(`common:callbackType.${c.callbackType}`)}
                    </Text>
                  </Group>
                  <Text size="xs">
                    {c.disposition ? t(`common:disposition.${c.disposition}`) : t('none')}
                    {' · '}
                    {t('pastCall.scores', { satisfaction: c.satisfaction ?? t('none'), nps: c.nps ?? t('none') })}
                  </Text>
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Paper>
    </Stack>
  );
}
