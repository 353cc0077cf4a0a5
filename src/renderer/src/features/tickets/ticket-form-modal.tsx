import { Alert, Center, Loader, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/result';
import type { Ticket } from '../../../../shared/tickets/ticket-model';
import { api } from '../../api';
import { useNavigation } from '../navigation/navigation-store';
import { describeApiError } from '../shell/api-error';
import { CustomerPicker } from './customer-picker';
import { TicketForm, type TicketFormSeed } from './ticket-form';

/**
 * The issue form in a dialog, so a call on screen stays exactly as it was. Without a seed it is
 * an inbound request: the agent picks the customer first. The new issue opens once registered.
 */
export function TicketFormModal(props: { seed: TicketFormSeed | null; onClose(): void }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const openTicket = useNavigation((s) => s.openTicket);
  const [seed, setSeed] = useState<TicketFormSeed | null>(props.seed);
  const [picking, setPicking] = useState<{ name: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const pick = async (customer: { customerId: string; customerName: string }): Promise<void> => {
    setPicking({ name: customer.customerName });
    setError(null);
    const detail = await api.call('customer.get', { customerId: customer.customerId });
    setPicking(null);
    if (!detail.ok) {
      setError(detail.error);
      return;
    }
    const purchases = detail.value.purchases;
    setSeed({
      customer: { id: customer.customerId, name: detail.value.customer.name },
      purchases,
      purchaseId: purchases.length === 1 ? (purchases[0]?.id ?? null) : null,
      callId: null,
      channel: 'hotline',
      symptom: '',
    });
  };

  const onCreated = (ticket: Ticket): void => {
    notifications.show({ color: 'teal', message: t('form.created', { number: ticket.number }), 'data-testid': 'ticket-created' });
    props.onClose();
    openTicket(ticket.id);
  };

  return (
    <Modal opened onClose={props.onClose} title={t('form.title')} size="lg" closeOnClickOutside={false} data-testid="ticket-form-modal">
      {error && (
        <Alert color="red" mb="sm" data-testid="ticket-form-error">
          {describeApiError(t, error)}
        </Alert>
      )}
      {seed ? (
        <TicketForm seed={seed} onCreated={onCreated} onCancel={props.onClose} />
      ) : picking ? (
        <Center py="lg">
          <Loader size="sm" aria-label={t('common:loading')} />
        </Center>
      ) : (
        <CustomerPicker onPick={(customer) => void pick(customer)} />
      )}
    </Modal>
  );
}
