import type { Alert } from '../../shared/api/alert-contract';
import type { CalendarBasis } from '../../shared/calendar/calendar-basis';

/**
 * The few words of a native notification. The main process has no i18next (the page owns the
 * UI strings), so these short texts are kept here for the three UI languages.
 */
const TEXT = {
  'zh-CN': {
    target: { response: '响应', resolution: '解决', rule: '服务时限', escalation: '升级处理', callback: '回访', appointment: '约定回访' },
    warning: (what: string, label: string, minutes: number) => `${label} ${what}即将超时（剩余约 ${minutes} 分钟）`,
    breach: (what: string, label: string) => `${label} ${what}已超时`,
    title: (kind: Alert['kind']) => (kind === 'breach' ? 'CareCall：已超时' : 'CareCall：即将超时'),
    more: (n: number) => `还有 ${n} 条提醒，请在提醒中心查看`,
    provisional: '（截止日的节假日安排为暂定，可能变动）',
    unknown: '（截止日没有节假日数据，可能有误）',
  },
  'zh-TW': {
    target: { response: '回應', resolution: '解決', rule: '服務時限', escalation: '升級處理', callback: '回訪', appointment: '約定回訪' },
    warning: (what: string, label: string, minutes: number) => `${label} ${what}即將逾時（剩餘約 ${minutes} 分鐘）`,
    breach: (what: string, label: string) => `${label} ${what}已逾時`,
    title: (kind: Alert['kind']) => (kind === 'breach' ? 'CareCall：已逾時' : 'CareCall：即將逾時'),
    more: (n: number) => `還有 ${n} 則提醒，請在提醒中心查看`,
    provisional: '（截止日的節假日安排為暫定，可能變動）',
    unknown: '（截止日沒有節假日資料，可能有誤）',
  },
  en: {
    target: { response: 'response', resolution: 'resolution', rule: 'service limit', escalation: 'escalation step', callback: 'callback', appointment: 'appointment' },
    warning: (what: string, label: string, minutes: number) => `${label}: ${what} due in about ${minutes} min`,
    breach: (what: string, label: string) => `${label}: ${what} overdue`,
    title: (kind: Alert['kind']) => (kind === 'breach' ? 'CareCall: overdue' : 'CareCall: due soon'),
    more: (n: number) => `${n} more alerts in the alert centre`,
    provisional: ' (the due day’s holidays are provisional; it may move)',
    unknown: ' (no holiday data for the due day; it may be wrong)',
  },
} as const;

function pickLocale(locale: string): keyof typeof TEXT {
  if (locale.startsWith('zh')) return /TW|HK|Hant/i.test(locale) ? 'zh-TW' : 'zh-CN';
  return 'en';
}

/** `basis`: whether the due day's holidays are official, provisional or unknown (said after the text). */
export function describeAlert(alert: Alert, locale: string, basis: CalendarBasis = 'official'): { title: string; body: string } {
  const text = TEXT[pickLocale(locale)];
  const what = text.target[alert.target];
  const minutes = Math.max(1, Math.round((alert.dueAt - alert.firedAt) / 60_000));
  const note = basis === 'official' ? '' : text[basis];
  return {
    title: text.title(alert.kind),
    body: `${alert.kind === 'breach' ? text.breach(what, alert.subjectLabel) : text.warning(what, alert.subjectLabel, minutes)}${note}`,
  };
}

describeAlert.more = (n: number, locale: string): string => TEXT[pickLocale(locale)].more(n);
