import { Group, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { QueueFilters } from './queue-filters';
import { QueueGroupControl } from './queue-group-control';
import { QueueList } from './queue-list';
import { useQueue } from './queue-store';
import classes from './queue-list.module.css';

/** Entities whose change can move, add or remove a queue row. */
const QUEUE_ENTITIES = new Set(['tasks', 'calls', 'customers']);

/** The agent's home screen: what to call next. */
export function QueueScreen(): JSX.Element {
  const { t } = useTranslation('queue');
  const refresh = useQueue((s) => s.refresh);
  const hasFilter = useQueue((s) => s.filter.types.length + s.filter.tiers.length + s.filter.statuses.length > 0 || s.filter.search !== '');
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Coming back from a call means tasks changed: re-read, keeping the old rows on screen meanwhile.
    refresh();
    return api.on('data.changed', (event) => {
      if (event.entities.some((entity) => QUEUE_ENTITIES.has(entity))) refresh();
    });
  }, [refresh]);

  // Physical key, so "/" still works while a Chinese IME turns it into "、".
  useHotkeys([['/', () => searchRef.current?.focus(), { usePhysicalKeys: true }]]);

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-testid="queue-screen">
      <Stack gap="sm" p="md" pb="sm" align="flex-start">
        <QueueGroupControl />
        <QueueFilters searchRef={searchRef} onLeaveSearch={(selectFirst) => {
            listRef.current?.focus();
            if (selectFirst && useQueue.getState().selected < 0) useQueue.getState().setSelected(0);
          }} />
      </Stack>
      <div className={`${classes.grid} ${classes.header}`} aria-hidden>
        <span />
        <span>{t('column.customer')}</span>
        <span>{t('column.type')}</span>
        <span>{t('column.due')}</span>
        <span>{t('column.attempts')}</span>
        <span>{t('column.status')}</span>
        <span />
      </div>
      <QueueList listRef={listRef} hasFilter={hasFilter} />
      <Group px="md" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="xs" c="dimmed">
          {t('keyboardHint')}
        </Text>
      </Group>
    </Stack>
  );
}
