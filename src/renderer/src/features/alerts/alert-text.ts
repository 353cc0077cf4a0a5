import type { TFunction } from 'i18next';
import type { Alert } from '../../../../shared/api/alert-contract';
import { formatDuration } from '../shell/format-duration';

const MINUTE = 60_000;

/**
 * "工单 CP…-001 响应即将超时（剩余 15 分钟）", "工单 CP… 解决已超时", "回访 王女士 已逾期". The time
 * left is as of firing, so the text reads the same in the alert centre an hour later.
 */
export function describeAlert(t: TFunction, alert: Alert): { title: string; body: string } {
  const left = formatDuration(t, Math.max(MINUTE, alert.dueAt - alert.firedAt));
  return {
    title: t(`alerts:title.${alert.kind}`),
    body: t(`alerts:text.${alert.target}.${alert.kind}`, { label: alert.subjectLabel, left }),
  };
}
