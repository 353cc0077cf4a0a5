import type { JSX } from 'react';
import { AlertCentre } from '../alerts/alert-centre';
import { CallScreen } from '../call/call-screen';
import { CustomerHistory } from '../history/customer-history';
import { ImportScreen } from '../import/import-screen';
import { useNavigation } from '../navigation/navigation-store';
import { QueueScreen } from '../queue/queue-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { TicketScreen } from '../ticket/ticket-screen';
import { TicketsScreen } from '../tickets/tickets-screen';

/** The one screen that fills the main area; navigation-store decides which. */
export function MainView(): JSX.Element {
  const view = useNavigation((s) => s.view);
  switch (view.name) {
    case 'queue':
      return <QueueScreen />;
    case 'call':
      // Keyed so a different task always starts from a fresh call screen.
      return <CallScreen key={view.taskId} taskId={view.taskId} />;
    case 'history':
      return <CustomerHistory key={view.customerId} customerId={view.customerId} returnTo={view.returnTo} />;
    case 'tickets':
      return <TicketsScreen />;
    case 'ticket':
      return <TicketScreen key={view.ticketId} ticketId={view.ticketId} returnTo={view.returnTo} />;
    case 'alerts':
      return <AlertCentre />;
    case 'settings':
      return <SettingsScreen />;
    case 'import':
      return <ImportScreen />;
  }
}
