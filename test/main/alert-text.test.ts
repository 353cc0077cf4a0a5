import { describe, expect, it } from 'vitest';
import { describeAlert } from '../../src/main/electron/alert-text';
import type { Alert } from '../../src/shared/api/alert-contract';

const base: Alert = {
  id: '01930000-0000-7000-8000-000000000001', subject: 'ticket', subjectId: '01930000-0000-7000-8000-000000000002',
  subjectLabel: 'CP20261123-K7QD-001', target: 'response', kind: 'warning', thresholdId: 'urgent/response:left-15m',
  dueAt: Date.UTC(2026, 10, 23, 4), thresholdAt: Date.UTC(2026, 10, 23, 3, 45), firedAt: Date.UTC(2026, 10, 23, 3, 45), readAt: null,
};

describe('native notification text', () => {
  it('names the issue, the target and the minutes left, in the desktop language', () => {
    expect(describeAlert(base, 'zh-CN')).toEqual({ title: 'CareCall：即将超时', body: 'CP20261123-K7QD-001 响应即将超时（剩余约 15 分钟）' });
    expect(describeAlert({ ...base, kind: 'breach', target: 'resolution' }, 'en-US').body).toBe('CP20261123-K7QD-001: resolution overdue');
    expect(describeAlert({ ...base, subject: 'task', target: 'callback', subjectLabel: '王女士', kind: 'breach' }, 'zh-TW').body).toBe('王女士 回訪已逾時');
  });
});
