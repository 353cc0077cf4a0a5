import { Center, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useState, type JSX, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { QueueRow } from '../../../../shared/api/contract';
import { useNavigation } from '../navigation/navigation-store';
import { useDateLocale } from '../shell/date-locale';
import { QueueRowView } from './queue-row';
import { countsSizeList, listKey, listSize, rowAt, useQueue } from './queue-store';
import classes from './queue-list.module.css';

export const ROW_HEIGHT = 56;
/** How often "overdue" is re-evaluated for rows on screen. */
const CLOCK_TICK_MS = 60_000;

/**
 * The queue as a virtual list: only the rows on screen (plus a few) exist in the DOM, and only
 * their pages are fetched, so 100k tasks scroll like 100. The list element keeps focus and the
 * selection is aria-activedescendant, because rows come and go as they scroll.
 */
export function QueueList(props: { listRef: RefObject<HTMLDivElement | null>; hasFilter: boolean }): JSX.Element {
  const { t } = useTranslation(['queue', 'common']);
  const dateLocale = useDateLocale();
  const go = useNavigation((s) => s.go);
  const data = useQueue(useShallow((s) => ({ filter: s.filter, group: s.group, counts: s.counts, caches: s.caches, fallback: s.fallback })));
  const selectedRaw = useQueue((s) => s.selected);
  const setSelected = useQueue((s) => s.setSelected);
  const setScrollOffset = useQueue((s) => s.setScrollOffset);
  const want = useQueue((s) => s.want);
  const [now, setNow] = useState(() => Date.now());
  // Stable between renders so the memoised rows are not all re-rendered on every scroll.
  const dueFormats = useMemo(() => ({ date: t('dueFormat.date'), time: t('dueFormat.time') }), [t]);

  const size = listSize(data);
  const key = listKey(data.filter, data.group);
  const selected = Math.min(selectedRaw, size - 1);
  const { listRef } = props;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: size,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Let React batch scroll updates instead of forcing a synchronous render per scroll event.
    useFlushSync: false,
    initialOffset: () => useQueue.getState().scrollOffset,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    want(first, last);
  }, [want, first, last, key, data.caches]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  // A new filter or group is a new list: start at its top.
  useEffect(() => {
    if (useQueue.getState().scrollOffset === 0) virtualizer.scrollToOffset(0);
  }, [key, virtualizer]);

  // Remember where the agent was, for when they come back from a call.
  useEffect(() => {
    const node = listRef.current;
    if (!node) return;
    if (document.activeElement === document.body || document.activeElement === null) node.focus({ preventScroll: true });
    return () => setScrollOffset(node.scrollTop);
  }, [listRef, setScrollOffset]);

  const open = useCallback((index: number, row: QueueRow) => {
    setSelected(index);
    go({ name: 'call', taskId: row.taskId });
  }, [go, setSelected]);

  const openHistory = useCallback((row: QueueRow) => {
    go({ name: 'history', customerId: row.customerId, returnTo: { name: 'queue' } });
  }, [go]);

  const move = (to: number): void => {
    const index = Math.min(Math.max(0, to), size - 1);
    if (index < 0) return;
    setSelected(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const handled = ((): boolean => {
      switch (event.key) {
        case 'ArrowDown': move(selected + 1); return true;
        case 'ArrowUp': move(selected < 0 ? 0 : selected - 1); return true;
        case 'PageDown': move(selected + page); return true;
        case 'PageUp': move(Math.max(0, selected - page)); return true;
        case 'Home': move(0); return true;
        case 'End': move(size - 1); return true;
        case 'Enter': {
          // Nothing highlighted yet: the first Enter highlights the top row, the next one opens it.
          if (selected < 0) move(0);
          else {
            const row = rowAt(data, selected);
            if (row) open(selected, row);
          }
          return true;
        }
        case 'h':
        case 'H': {
          const row = rowAt(data, selected);
          if (row) openHistory(row);
          return true;
        }
        default: return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const loaded = countsSizeList(data.filter) ? data.counts !== null : data.caches[key]?.end === 0;
  if (size === 0 && loaded) {
    return (
      <Center className={classes.list} data-testid="queue-list" tabIndex={-1} ref={listRef}>
        <Stack align="center" gap={4} data-testid="queue-empty">
          <Text c="dimmed" size="sm">
            {props.hasFilter ? t('emptyFiltered') : t('empty')}
          </Text>
        </Stack>
      </Center>
    );
  }

  return (
    <div
      ref={listRef}
      className={classes.list}
      tabIndex={0}
      role="listbox"
      aria-label={t('listLabel')}
      aria-activedescendant={size > 0 && selected >= 0 ? `queue-row-${selected}` : undefined}
      data-testid="queue-list"
      data-size={size}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {items.map((item) => (
          <QueueRowView
            key={item.key}
            t={t}
            index={item.index}
            row={rowAt(data, item.index)}
            selected={item.index === selected}
            top={item.start}
            height={item.size}
            now={now}
            dueFormats={dueFormats}
            dateLocale={dateLocale}
            onOpen={open}
            onHistory={openHistory}
          />
        ))}
      </div>
    </div>
  );
}
