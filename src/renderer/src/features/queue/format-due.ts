import { format, formatDistanceStrict, isSameDay, type Locale } from 'date-fns';

export interface DueFormats {
  date: string;
  time: string;
}

/**
 * "5月3日 09:00–12:00" for a window inside one day, both ends in full otherwise. Windows often
 * end at midnight; that end is shown as 24:00 of the day it closes, not 00:00 of the next day.
 */
export function formatDueWindow(start: number, end: number, formats: DueFormats, locale: Locale): string {
  const endsAtMidnight = format(end, 'HH:mm') === '00:00' && end > start;
  const endDay = endsAtMidnight ? end - 1 : end;
  const endTime = endsAtMidnight ? '24:00' : format(end, formats.time, { locale });
  const startText = `${format(start, formats.date, { locale })} ${format(start, formats.time, { locale })}`;
  if (isSameDay(start, endDay)) return `${startText}–${endTime}`;
  return `${startText} – ${format(endDay, formats.date, { locale })} ${endTime}`;
}

export function formatOverdue(end: number, now: number, locale: Locale): string {
  return formatDistanceStrict(end, now, { locale });
}
