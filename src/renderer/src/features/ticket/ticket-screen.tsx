import { Alert, Button, Center, Grid, Loader, ScrollArea, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, type JSX } from 'react';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNavigation, type View } from '../navigation/navigation-store';
import { describeApiError } from '../shell/api-error';
import { useDateLocale } from '../shell/date-locale';
import { useNow } from '../shell/use-now';
import { useTicketOptions } from '../tickets/use-ticket-options';
import { EntryForm } from './entry-form';
import { EscalationList } from './escalation-list';
import { FieldSteps } from './field-steps';
import { SlaPanel } from './sla-panel';
import { TicketFacts } from './ticket-facts';
import { TicketHeader } from './ticket-header';
import { TicketSteps } from './ticket-steps';
import { TicketTimeline } from './ticket-timeline';
import { useTicket } from './ticket-store';

/** One issue: who and what, its clocks and escalations, the next steps, and its history. */
export function TicketScreen(props: { ticketId: string; returnTo: View }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const go = useNavigation((s) => s.go);
  const load = useTicket((s) => s.load);
  const opened = useTicket((s) => (s.ticketId === props.ticketId ? s.opened : null));
  const loadError = useTicket((s) => (s.ticketId === props.ticketId ? s.loadError : null));
  const options = useTicketOptions();
  const now = useNow();
  const dateLocale = useDateLocale();
  const { ticketId, returnTo } = props;

  useEffect(() => {
    void load(ticketId);
    // Escalations from the watcher and steps taken elsewhere show up without a manual refresh.
    return api.on('data.changed', (event) => {
      // A fired alert means a target changed state (at risk, breached): show it.
      if (event.entities.includes('tickets') || event.entities.includes('alerts')) void load(ticketId);
    });
  }, [ticketId, load]);

  const back = (): void => go(returnTo);
  // Escape in a text field only leaves the field (Mantine ignores hotkeys there), never the issue.
  useHotkeys([['Escape', back]]);

  if (loadError && !opened) {
    return (
      <Stack p="md" data-testid="ticket-screen">
        <Alert color="red" title={t('detail.loadFailed')} data-testid="ticket-load-error">
          {describeApiError(t, loadError)}
        </Alert>
        <Button variant="default" w="fit-content" onClick={back} data-testid="ticket-back">
          ← {t('common:back')}
        </Button>
      </Stack>
    );
  }
  if (!opened) {
    return (
      <Center style={{ flex: 1 }}>
        <Loader size="sm" aria-label={t('common:loading')} />
      </Center>
    );
  }

  const { ticket } = opened;
  return (
    <ScrollArea style={{ flex: 1 }} type="auto" data-testid="ticket-screen" data-ticket-id={ticket.id}>
      <Stack gap="md" p="md" maw={1400}>
        <TicketHeader ticket={ticket} options={options} onBack={back} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Stack gap="md">
              <TicketFacts ticket={ticket} />
              <SlaPanel ticket={ticket} now={now} />
              <EscalationList ticket={ticket} now={now} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            <Stack gap="md">
              {ticket.legalHoldAt !== null && (
                <Alert color="red" title={t('status.legal_hold')} data-testid="ticket-legal-hold">
                  {t('detail.legalHold', { time: format(ticket.legalHoldAt, t('dateTimeFormat'), { locale: dateLocale }), name: ticket.legalHoldBy ?? '', reason: ticket.legalHoldReason ?? '' })}
                  <br />
                  {t('detail.legalHoldFrozen')}
                </Alert>
              )}
              <TicketSteps opened={opened} />
              <FieldSteps opened={opened} />
              <EntryForm disabled={ticket.status === 'voided' || ticket.legalHoldAt !== null} />
              <TicketTimeline timeline={opened.timeline} options={options} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </ScrollArea>
  );
}
