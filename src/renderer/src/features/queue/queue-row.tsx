import { ActionIcon, Badge, Skeleton } from '@mantine/core';
import type { Locale } from 'date-fns';
import { memo, type JSX } from 'react';
import type { TFunction } from 'i18next';
import type { QueueRow as Row } from '../../../../shared/api/contract';
import { STATUS_COLORS, TIER_COLORS } from './enum-colors';
import { CalendarBasisMark } from '../shell/calendar-basis-mark';
import { formatDueWindow, formatOverdue, type DueFormats } from './format-due';
import { priorityColor } from './priority-color';
import classes from './queue-list.module.css';

interface QueueRowProps {
  /** Passed down rather than useTranslation per row: a hook per row showed up in scroll profiles. */
  t: TFunction<['queue', 'common']>;
  index: number;
  row: Row | undefined;
  selected: boolean;
  top: number;
  height: number;
  now: number;
  dueFormats: DueFormats;
  dateLocale: Locale;
  onOpen(index: number, row: Row): void;
  onHistory(row: Row): void;
}

/** One task in the queue. Memoised: a scroll re-renders only rows whose props changed. */
export const QueueRowView = memo(function QueueRowView(props: QueueRowProps): JSX.Element {
  const { row, index, t } = props;
  const style = { height: props.height, transform: `translateY(${props.top}px)` };

  if (!row) {
    return (
      <div className={`${classes.grid} ${classes.row}`} style={style} role="option" aria-selected={props.selected} aria-busy id={`queue-row-${index}`}>
        <Skeleton circle height={10} />
        <Skeleton height={12} width="70%" />
        <Skeleton height={12} width="60%" />
        <Skeleton height={12} width="80%" />
        <Skeleton height={12} width="50%" />
        <Skeleton height={12} width="60%" />
        <span />
      </div>
    );
  }

  const overdue = row.dueEnd < props.now;
  return (
    <div
      className={`${classes.grid} ${classes.row}`}
      style={style}
      role="option"
      id={`queue-row-${index}`}
      aria-selected={props.selected}
      data-testid="queue-row"
      data-task-id={row.taskId}
      data-index={index}
      onClick={() => props.onOpen(index, row)}
    >
      {/* Native titles, not Mantine Tooltips: a tooltip per row costs more than the row itself at scroll speed. */}
      <span
        className={classes.dot}
        style={{ background: priorityColor(row.priority) }}
        title={t('row.priority', { priority: row.priority })}
        aria-label={t('row.priority', { priority: row.priority })}
      />

      <div className={classes.cell}>
        <span className={classes.nameLine}>
          <span className={`${classes.primary} ${classes.name}`}>{row.customerName}</span>
          <Badge size="xs" variant="light" color={TIER_COLORS[row.tier]} style={{ flexShrink: 0 }}>
            {t(`common:tier.${row.tier}`)}
          </Badge>
        </span>
        <span className={`${classes.secondary} ${classes.phone}`}>{row.phoneMasked}</span>
      </div>

      <div className={classes.cell}>
        <span className={classes.primary}>{t(`common:callbackType.${row.type}`)}</span>
        <span className={classes.secondary}>{row.product ?? t('row.noProduct')}</span>
      </div>

      <div className={classes.cell}>
        <span className={`${classes.primary} ${overdue ? classes.overdue : ''}`}>
          {formatDueWindow(row.dueStart, row.dueEnd, props.dueFormats, props.dateLocale)}
          <CalendarBasisMark at={row.dueEnd} />
        </span>
        {overdue && (
          <span className={`${classes.secondary} ${classes.overdue}`}>
            {t('row.overdueBy', { distance: formatOverdue(row.dueEnd, props.now, props.dateLocale) })}
          </span>
        )}
      </div>

      <span className={`${classes.primary} ${row.attempts > 0 ? '' : classes.muted}`}>{t('row.attempts', { count: row.attempts })}</span>

      <Badge size="sm" variant="light" color={STATUS_COLORS[row.status]}>
        {t(`common:status.${row.status}`)}
      </Badge>

      <ActionIcon
          size="sm"
          variant="subtle"
          aria-label={t('row.history', { name: row.customerName })}
          data-testid="queue-row-history"
          // The row itself opens the call; the icon must not.
          onClick={(event) => {
            event.stopPropagation();
            props.onHistory(row);
          }}
          title={t('row.history', { name: row.customerName })}
          tabIndex={-1}
        >
          <HistoryIcon />
        </ActionIcon>
    </div>
  );
});

/** A clock-with-arrow glyph; inline because the project ships no icon set. */
function HistoryIcon(): JSX.Element {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
      <path d="M3 3v5h5" />
      <path d="M12 7v5l3 2" />
    </svg>
  );
}
