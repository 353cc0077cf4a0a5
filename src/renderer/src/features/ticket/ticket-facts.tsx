import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { format } from 'date-fns';
import type { JSX, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket, WarrantyStatus } from '../../../../shared/tickets/ticket-model';
import { useNavigation } from '../navigation/navigation-store';
import { useDateLocale } from '../shell/date-locale';
import { formatDuration } from '../shell/format-duration';

const WARRANTY_COLORS: Record<WarrantyStatus, string> = { in_warranty: 'teal', out_of_warranty: 'orange', unknown: 'gray' };

function Fact(props: { label: string; children: ReactNode; testId?: string }): JSX.Element {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm" component="div" data-testid={props.testId}>
        {props.children}
      </Text>
    </div>
  );
}

/** The customer, the product, the problem in the customer's words, and the agreed solution. */
export function TicketFacts({ ticket }: { ticket: Ticket }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const dateLocale = useDateLocale();
  const go = useNavigation((s) => s.go);
  const view = useNavigation((s) => s.view);
  const when = (at: number): string => format(at, t('dateTimeFormat'), { locale: dateLocale });

  return (
    <Paper withBorder radius="md" p="sm" data-testid="ticket-facts">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={2} size="h5" data-testid="ticket-customer">
              {ticket.customerName}
            </Title>
            <Text size="xs" c="dimmed">
              {t('detail.registered', { time: when(ticket.registeredAt), channel: t(`channel.${ticket.channel}`) })}
            </Text>
          </div>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => go({ name: 'history', customerId: ticket.customerId, returnTo: view })}
            data-testid="ticket-customer-history"
          >
            {t('detail.customerHistory')}
          </Button>
        </Group>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <Fact label={t('detail.product')} testId="ticket-product">
            {ticket.product ?? t('detail.none')}
          </Fact>
          <Fact label={t('detail.serialNo')}>
            <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }} data-testid="ticket-serial">
              {ticket.serialNo ?? t('detail.none')}
            </span>
          </Fact>
          <Fact label={t('detail.warranty')}>
            <Badge size="sm" variant="light" color={WARRANTY_COLORS[ticket.warrantyStatus]} tt="none" data-testid="ticket-warranty">
              {t(`warranty.${ticket.warrantyStatus}`)}
            </Badge>
          </Fact>
          <Fact label={t('detail.scenario')}>{t(`scenario.${ticket.scenario}`)}</Fact>
          <Fact label={t('detail.category')}>{t(`category.${ticket.category}`)}</Fact>
          <Fact label={t('detail.demand')}>{t(`demand.${ticket.demand}`)}</Fact>
        </SimpleGrid>
        <Fact label={t('detail.symptom')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-symptom">
            {ticket.symptom}
          </Text>
        </Fact>
        {ticket.solution && (
          <Fact label={t('detail.solution')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-solution">
              {ticket.solution}
            </Text>
            {ticket.compensations.length > 0 && (
              <Group gap={4} mt={4} data-testid="ticket-compensations">
                {ticket.compensations.map((c) => (
                  <Badge key={c} size="sm" variant="outline" tt="none">
                    {t(`compensation.${c}`)}
                  </Badge>
                ))}
              </Group>
            )}
            {ticket.approvalRequired && (
              <Text size="xs" mt={4} c={ticket.approvedBy ? 'teal' : 'orange'} data-testid="ticket-approval">
                {ticket.approvedBy ? t('detail.approvedBy', { name: ticket.approvedBy }) : t('detail.awaitingApproval')}
              </Text>
            )}
          </Fact>
        )}
        {ticket.closingRating && (
          <Fact label={t('detail.closingRating')} testId="ticket-closing-rating">
            {t(`rating.${ticket.closingRating}`)}
            {ticket.durationMs !== null ? ` · ${t('detail.duration', { duration: formatDuration(t, ticket.durationMs) })}` : ''}
          </Fact>
        )}
        {ticket.followUpTaskId && (
          <Button
            size="compact-sm"
            variant="light"
            w="fit-content"
            onClick={() => go({ name: 'call', taskId: ticket.followUpTaskId as string })}
            data-testid="ticket-follow-up"
          >
            {t('detail.followUp')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
