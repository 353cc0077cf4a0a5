import { describe, expect, it } from 'vitest';
import { describeAlert } from '../../src/main/electron/alert-text';
import type { Alert } from '../../src/shared/api/alert-contract';
import { basisOfDate } from '../../src/shared/calendar/calendar-basis';

const alert: Alert = {
  id: '01930000-0000-7000-8000-000000000001', subject: 'task', subjectId: '01930000-0000-7000-8000-000000000002',
  subjectLabel: '王女士', target: 'callback', kind: 'breach', thresholdId: 'callback@1:breach',
  dueAt: Date.UTC(2027, 1, 11, 10), thresholdAt: Date.UTC(2027, 1, 11, 10), firedAt: Date.UTC(2027, 1, 11, 10), readAt: null,
};
const shipped = { timeZone: 'Asia/Shanghai', holidaysKnownThrough: '2026-12-31', provisionalThrough: '2036-12-31' };

describe('native notification text on provisional calendar days', () => {
  it('says that the due day’s holidays are provisional, in the desktop language; nothing on official days', () => {
    expect(basisOfDate(shipped, '2027-02-11')).toBe('provisional');
    expect(describeAlert(alert, 'zh-CN', 'provisional').body).toBe('王女士 回访已超时（截止日的节假日安排为暂定，可能变动）');
    expect(describeAlert(alert, 'en-US', 'unknown').body).toBe('王女士: callback overdue (no holiday data for the due day; it may be wrong)');
    expect(describeAlert(alert, 'zh-TW', 'provisional').body).toBe('王女士 回訪已逾時（截止日的節假日安排為暫定，可能變動）');
    expect(basisOfDate(shipped, '2026-12-31')).toBe('official');
    expect(describeAlert(alert, 'zh-CN', 'official').body).toBe('王女士 回访已超时');
    expect(basisOfDate({ ...shipped, provisionalThrough: null }, '2027-01-01')).toBe('unknown');
  });
});
