import type { TFunction } from 'i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "2 小时 15 分钟", "3 天 4 小时": the two largest units, rounded down, so "time left" never
 * promises more than there is. Agents read these at a glance; seconds would only flicker.
 * `inHours` keeps a policy's target in hours ("48 小时"): on a working clock 24 h is not one day.
 */
export function formatDuration(t: TFunction, ms: number, inHours = false): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t('common:duration.lessThanMinute');
  const d = inHours ? 0 : Math.floor(abs / DAY);
  const h = Math.floor((inHours ? abs : abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  if (d > 0) return h > 0 ? t('common:duration.daysHours', { d, h }) : t('common:duration.days', { d });
  if (h > 0) return m > 0 ? t('common:duration.hoursMinutes', { h, m }) : t('common:duration.hours', { h });
  return t('common:duration.minutes', { m });
}
