import { create } from 'zustand';

export type View = { name: 'queue' } | { name: 'call'; taskId: string } | { name: 'history'; customerId: string; returnTo: View };

interface NavigationState {
  view: View;
  go(view: View): void;
}

/** Which screen is showing. The app is small enough not to need a router. */
export const useNavigation = create<NavigationState>((set) => ({
  view: { name: 'queue' },
  go: (view) => set({ view }),
}));
