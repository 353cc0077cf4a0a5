import { Alert, Box, Button, Center, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Locale } from '../../../../shared/domain/model';
import { api } from '../../api';
import { useNavigation } from '../navigation/navigation-store';
import { TicketFormModal } from '../tickets/ticket-form-modal';
import type { TicketFormSeed } from '../tickets/ticket-form';
import { CallTimer } from './call-timer';
import { useCallStore } from './call-store';
import { CustomerCard } from './customer-card';
import { FinishPanel } from './finish-panel';
import { ScriptPanel } from './script-panel';
import { ShortcutsLegend } from './shortcuts-legend';
import { SidePanel } from './side-panel';
import { useCallKeyboard } from './use-call-keyboard';

/** The call screen: customer on the left, the script in the middle, notes and lines on the right. */
export function CallScreen({ taskId }: { taskId: string }) {
  const { t, i18n } = useTranslation(['call', 'common']);
  const parsedLocale = Locale.safeParse(i18n.language);
  const locale = parsedLocale.success ? parsedLocale.data : 'zh-CN';
  const go = useNavigation((s) => s.go);
  const opened = useCallStore((s) => s.opened);
  const loadError = useCallStore((s) => s.loadError);
  const draft = useCallStore((s) => s.draft);
  const [dialError, setDialError] = useState<string | null>(null);
  const [ticketSeed, setTicketSeed] = useState<TicketFormSeed | null>(null);

  useEffect(() => {
    void useCallStore.getState().open(taskId);
  }, [taskId]);

  const onDial = useCallback(() => {
    void useCallStore.getState().start();
    void api.call('call.dial', { taskId }).then((result) => {
      if (!result.ok) setDialError(result.error.message);
      // The browser host hands over the number only now, to open it at once; it is not kept.
      else if (result.value.uri) window.location.assign(result.value.uri);
    });
  }, [taskId]);

  const onFinished = useCallback(() => {
    notifications.show({ color: 'teal', message: t('finished') });
    useCallStore.getState().close();
    go({ name: 'queue' });
  }, [go, t]);

  const onBack = useCallback(() => {
    // Notes already typed are saved by then: leaving never drops them, the call stays resumable.
    useCallStore.getState().close();
    go({ name: 'queue' });
  }, [go]);

  /** An issue found in this call: for this customer and product, linked to the call, the notes as the symptom. */
  const onOpenTicketForm = useCallback(() => {
    const { opened: current, draft: call, notes } = useCallStore.getState();
    if (!current) return;
    setTicketSeed({
      customer: { id: current.detail.customer.id, name: current.detail.customer.name },
      purchases: current.detail.purchases,
      purchaseId: current.task.purchaseId,
      callId: call?.callId ?? null,
      channel: 'callback',
      symptom: notes.trim(),
    });
  }, []);

  useCallKeyboard({ onDial, onFinished, onOpenTicketForm });

  if (loadError) {
    return (
      <Box p="md">
        <Alert color="red" title={t('openFailed')} data-testid="error">
          {loadError.message}
          <Button mt="sm" size="sm" variant="default" onClick={onBack} display="block">
            {t('common:back')}
          </Button>
        </Alert>
      </Box>
    );
  }
  if (!opened) {
    return (
      <Center style={{ flex: 1 }}>
        <Loader size="sm" aria-label={t('common:loading')} />
      </Center>
    );
  }
  return (
    <Stack gap="sm" p="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="call-screen">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Button size="sm" variant="subtle" onClick={onBack} data-testid="back-to-queue">
            ← {t('backToQueue')}
          </Button>
          <Title order={2} size="h4">
            {opened.detail.customer.name} · {t(`common:callbackType.${opened.task.type}`)}
          </Title>
          <Text c="dimmed" size="sm">
            {t('attempts', { count: opened.task.attempts })}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          {!draft && (
            <Button size="sm" variant="light" onClick={() => void useCallStore.getState().start()} data-testid="start-call">
              {t('startCall')}
            </Button>
          )}
          <Button size="sm" variant="default" onClick={onOpenTicketForm} aria-keyshortcuts="Alt+I" data-testid="open-ticket-form">
            {t('openTicketForm')} (Alt+I)
          </Button>
          <CallTimer startedAt={draft?.startedAt ?? null} />
        </Group>
      </Group>
      <ShortcutsLegend />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <CustomerCard
            detail={opened.detail}
            purchaseId={opened.task.purchaseId}
            title={opened.placeholders.customerTitle}
            onDial={onDial}
            dialError={dialError}
            onHistory={() => go({ name: 'history', customerId: opened.detail.customer.id, returnTo: { name: 'call', taskId } })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ScriptPanel locale={locale} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {/* Notes and the outcome side by side with the script: the agent types, then finishes, without scrolling. */}
          <Stack gap="sm">
            <SidePanel locale={locale} />
            <FinishPanel onFinished={onFinished} />
          </Stack>
        </Grid.Col>
      </Grid>
      {ticketSeed && <TicketFormModal seed={ticketSeed} onClose={() => setTicketSeed(null)} />}
    </Stack>
  );
}
