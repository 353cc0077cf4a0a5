import { Badge, Tooltip } from '@mantine/core';
import { format } from 'date-fns';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../../../shared/api/contract';
import { api } from '../../api';
import { useDateLocale } from './date-locale';

type OutboxStats = ApiOutput<'outbox.stats'>;

/** Work that is saved here but not yet on the hub: agents should see it before they log off. */
export function OutboxIndicator(): JSX.Element | null {
  const { t } = useTranslation();
  const dateLocale = useDateLocale();
  const [stats, setStats] = useState<OutboxStats | null>(null);

  useEffect(() => {
    let alive = true;
    const refresh = (): void => {
      void api.call('outbox.stats', {}).then((result) => {
        if (alive && result.ok) setStats(result.value);
      });
    };
    refresh();
    const off = api.on('data.changed', refresh);
    return () => {
      alive = false;
      off();
    };
  }, []);

  if (!stats) return null;
  const pending = stats.pending;
  const tip =
    pending > 0 && stats.oldestAt !== null
      ? t('shell.outboxOldest', { time: format(stats.oldestAt, 'PPp', { locale: dateLocale }) })
      : t('shell.outboxSynced');

  return (
    <Tooltip label={tip} withArrow>
      <Badge size="lg" variant="light" color={pending > 0 ? 'orange' : 'gray'} tabIndex={0} data-testid="outbox-pending" data-count={pending}>
        {t('shell.outboxPending', { count: pending })}
      </Badge>
    </Tooltip>
  );
}
