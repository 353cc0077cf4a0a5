import { useEffect, useState } from 'react';

/** SLA clocks on screen move on every 30 s: often enough for minutes, cheap for long lists. */
export const SLA_TICK_MS = 30_000;

/** The current time, re-read every `intervalMs`, so time-left labels count down while shown. */
export function useNow(intervalMs = SLA_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
