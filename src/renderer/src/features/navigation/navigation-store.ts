import { create } from 'zustand';

export type View =
  | { name: 'queue' }
  | { name: 'call'; taskId: string }
  | { name: 'history'; customerId: string; returnTo: View }
  | { name: 'tickets' }
  | { name: 'ticket'; ticketId: string; returnTo: View }
  | { name: 'alerts' }
  | { name: 'settings' }
  | { name: 'import' };

interface NavigationState {
  view: View;
  go(view: View): void;
  /** Opens an issue; Back returns to where the agent came from (never to the issue before). */
  openTicket(ticketId: string): void;
}

/** Which screen is showing. The app is small enough not to need a router. */
export const useNavigation = create<NavigationState>((set, get) => ({
  view: { name: 'queue' },
  go: (view) => set({ view }),
  openTicket: (ticketId) => {
    const current = get().view;
    const returnTo = current.name === 'ticket' ? current.returnTo : current;
    set({ view: { name: 'ticket', ticketId, returnTo } });
  },
}));
