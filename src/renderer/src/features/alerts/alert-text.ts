import type { TFunction } from 'i18next';
import type { Alert } from '../../../../shared/api/alert-contract';
import { deadlineBasis, type CalendarCoverage } from '../settings/calendar-dates';
import { formatDuration } from '../shell/format-duration';

const MINUTE = 60_000;

/**
 * "工单 CP…-001 响应即将超时（剩余 15 分钟）", "工单 CP… 解决已超时", "回访 王女士 已逾期". The time
 * left is as of firing, so the text reads the same in the alert centre an hour later.
 */
export function describeAlert(t: TFunction, alert: Alert, calendar: CalendarCoverage | null = null): { title: string; body: string } {
  const left = formatDuration(t, Math.max(MINUTE, alert.dueAt - alert.firedAt));
  // A due time on a day whose holidays are provisional (or unknown) may still move: say so.
  const basis = deadlineBasis(calendar, alert.dueAt);
  const note = basis === 'official' ? '' : t(`common:calendarBasis.${basis}Suffix`);
  return {
    title: t(`alerts:title.${alert.kind}`),
    body: `${t(`alerts:text.${alert.target}.${alert.kind}`, { label: alert.subjectLabel, left, rule: ruleName(t, alert) })}${note}`,
  };
}

/** A policy rule's name from its threshold id (`<severity>/rule:<key>:...`): "到场", "告知客户". */
function ruleName(t: TFunction, alert: Alert): string {
  const key = /(?:^|\/)rule:([a-z0-9_-]+):/.exec(alert.thresholdId)?.[1];
  return key ? t(`alerts:rule.${key}`, { defaultValue: t('alerts:rule.other') }) : '';
}
