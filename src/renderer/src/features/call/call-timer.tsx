import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';

/** mm:ss since the call started; 00:00 until it has. */
export function CallTimer({ startedAt }: { startedAt: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  const seconds = startedAt === null ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
  const text = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <Text ff="monospace" fw={700} size="lg" data-testid="call-timer" aria-live="off">
      {text}
    </Text>
  );
}
