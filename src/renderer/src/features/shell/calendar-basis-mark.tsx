import { Text, Tooltip } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlineBasis } from '../settings/calendar-dates';
import { useSettings } from '../settings/settings-store';

/**
 * "暂定" next to a deadline, due window or slot whose working time is counted on provisional
 * holidays (derived from the law, 调休 unknown) or on days with no holiday data at all: it may
 * move once the State Council's schedule is imported. Nothing for official days.
 */
export function CalendarBasisMark(props: { at: number | null; clock?: 'working' | 'calendar' | null }): JSX.Element | null {
  const { t } = useTranslation();
  const calendar = useSettings((s) => s.setup?.calendar ?? null);
  const basis = deadlineBasis(calendar, props.at, props.clock ?? 'working');
  if (basis === 'official') return null;
  return (
    <Tooltip label={t(`calendarBasis.${basis}Hint`, { date: calendar?.holidaysKnownThrough ?? '' })} multiline w={280} withArrow>
      <Text component="span" size="xs" fw={600} c={basis === 'unknown' ? 'red.7' : 'orange.8'} ml={4} data-testid="calendar-basis-mark" data-basis={basis}>
        {t(`calendarBasis.${basis}`)}
      </Text>
    </Tooltip>
  );
}
