import { useEffect, useRef } from 'react';
import { DISPOSITIONS } from '../../../../shared/domain/model';
import { currentStep, useCallStore } from './call-store';

interface Actions {
  onDial(): void;
  onFinished(): void;
  /** Alt+I: the issue form, pre-filled from this call. */
  onOpenTicketForm(): void;
}

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'button') || target.isContentEditable);

/**
 * Every step of a call without the mouse. Alt/Ctrl chords work everywhere (also while typing
 * notes); bare digits pick an answer when focus is not in a text field. Two digits typed quickly
 * make 10 ("1" then "0").
 */
export function useCallKeyboard({ onDial, onFinished, onOpenTicketForm }: Actions): void {
  const digits = useRef<{ text: string; at: number }>({ text: '', at: 0 });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      // A dialog over the call (the issue form) owns its keys: Ctrl+Enter there must not finish the call.
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      const store = useCallStore.getState();
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const key = event.key.toLowerCase();
        const code = event.code;
        if (key === 'arrowright') store.next();
        else if (key === 'arrowleft') store.previous();
        else if (code === 'KeyN') store.focusNotes();
        else if (code === 'KeyD') onDial();
        else if (code === 'KeyI') onOpenTicketForm();
        else if (/^Digit[1-5]$/.test(code)) store.setDisposition(DISPOSITIONS[Number(code.slice(5)) - 1]!);
        else return;
        event.preventDefault();
        return;
      }
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void store.finish().then((ok) => ok && onFinished());
        return;
      }
      if (event.key === 'Escape' && isTextField(event.target)) {
        (event.target as HTMLElement).blur();
        document.getElementById('script-step')?.focus();
        return;
      }
      if (isTextField(event.target) || event.ctrlKey || event.metaKey || !/^[0-9]$/.test(event.key)) return;
      const step = currentStep(store);
      const question = step?.question;
      if (!question) return;
      const now = performance.now();
      const joined = now - digits.current.at < 700 ? digits.current.text + event.key : event.key;
      digits.current = { text: event.key, at: now };
      const n = Number(joined.length === 2 && joined === '10' ? '10' : event.key);
      event.preventDefault();
      if (question.type === 'yesno') {
        if (n === 1) store.answer(true);
        else if (n === 2) store.answer(false);
      } else if (question.type === 'choice') {
        const option = question.options?.[n - 1];
        if (option) store.answer(option.value);
      } else if (question.type === 'score') {
        if (n >= 1 && n <= 10) store.answer(n);
      } else if (question.type === 'nps') {
        if (n >= 0 && n <= 10) store.answer(n);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onDial, onFinished, onOpenTicketForm]);
}
