import { describe, expect, it } from 'vitest';
import { PlanningError } from '../../../src/shared/planning/planning-error';
import { appointmentSmsSendAt, formatAppointmentTime, renderAppointmentSms, renderSmsTemplate } from '../../../src/shared/planning/sms-template';
import { BERLIN, defaultRules, local, sh, SHANGHAI } from './fixtures';

const rules = defaultRules();
const now = sh('2026-03-04 16:00');

describe('the appointment SMS', () => {
  it('renders the zh-CN text by default with the customer, company and tomorrow\'s time', () => {
    const text = renderAppointmentSms(rules.sms, { locale: 'zh-CN', customerTitle: '王先生', company: '安家电器', at: sh('2026-03-05 10:00'), now, timeZone: SHANGHAI });
    expect(text).toBe('王先生您好，这里是安家电器客服中心。我们的服务专员将于明天 10:00给您致电回访，了解产品使用情况，请留意来电。如需改约，请回复本短信。');
    expect(text).not.toContain('{{');
  });

  it('renders English and Traditional Chinese, and falls back to zh-CN for a missing zh-TW text', () => {
    const en = renderAppointmentSms(rules.sms, { locale: 'en', customerTitle: 'Ms. Li', company: 'Anjia', at: sh('2026-03-05 14:30'), now, timeZone: SHANGHAI });
    expect(en).toBe('Dear Ms. Li, this is the Anjia service centre. A service specialist will call you tomorrow at 14:30 to hear how your product is doing. To choose another time, reply to this message.');
    expect(renderAppointmentSms(rules.sms, { locale: 'zh-TW', customerTitle: '陳小姐', company: '安家', at: sh('2026-03-05 10:00'), now, timeZone: SHANGHAI })).toMatch(/^陳小姐您好，這裡是安家/);
    const noTw = { appointment: { 'zh-CN': '{{customerTitle}}：{{time}}来电', en: '{{customerTitle}}: call {{time}}' } };
    expect(renderSmsTemplate(noTw.appointment, 'zh-TW', { customerTitle: '陳小姐', time: '明天 10:00', company: '' })).toBe('陳小姐：明天 10:00来电');
  });

  it('says the time as the customer reads it in their own zone', () => {
    expect(formatAppointmentTime(sh('2026-03-04 17:30'), now, SHANGHAI, 'zh-CN')).toBe('今天 17:30');
    expect(formatAppointmentTime(sh('2026-03-06 09:00'), now, SHANGHAI, 'zh-CN')).toBe('后天 09:00');
    expect(formatAppointmentTime(sh('2026-03-06 09:00'), now, SHANGHAI, 'zh-TW')).toBe('後天 09:00');
    expect(formatAppointmentTime(sh('2026-03-09 09:00'), now, SHANGHAI, 'zh-CN')).toBe('3月9日 09:00');
    expect(formatAppointmentTime(sh('2026-03-09 09:00'), now, SHANGHAI, 'en')).toBe('on Monday 9 March at 09:00');
    // 16:00 in Shanghai is 09:00 in Berlin; a call at 10:00 Berlin time is still today there.
    expect(formatAppointmentTime(local(BERLIN, '2026-03-04 10:00'), now, BERLIN, 'en')).toBe('today at 10:00');
  });

  it('refuses an unknown placeholder or an empty value rather than sending a gap', () => {
    const bad = { 'zh-CN': '{{customerTitle}}，{{agentName}}将于{{time}}来电', en: 'x {{time}}' };
    expect(() => renderSmsTemplate(bad, 'zh-CN', { customerTitle: '王先生', time: '明天 10:00', company: 'A' })).toThrow(
      'SMS template (zh-CN): unknown placeholder "{{agentName}}"; use {{customerTitle}}, {{time}}, {{company}}',
    );
    expect(() => renderSmsTemplate(rules.sms.appointment, 'zh-CN', { customerTitle: ' ', time: '明天 10:00', company: 'A' })).toThrow(PlanningError);
  });
});

describe('when the appointment SMS goes to the outbox (the day before the agreed call)', () => {
  const dayBeforeAt = defaultRules().sms.dayBeforeAt;
  it('goes at 10:00 on the customer\'s day before the call, not at booking', () => {
    expect(dayBeforeAt).toBe(600);
    // Booked Monday 16:00 for Thursday 10:00: Wednesday 10:00.
    expect(appointmentSmsSendAt(sh('2026-03-05 10:00'), sh('2026-03-02 16:00'), SHANGHAI, dayBeforeAt)).toBe(sh('2026-03-04 10:00'));
    // In the customer's own zone: a Berlin customer's day before.
    expect(appointmentSmsSendAt(local(BERLIN, '2026-03-05 10:00'), sh('2026-03-02 16:00'), BERLIN, dayBeforeAt)).toBe(local(BERLIN, '2026-03-04 10:00'));
  });

  it('goes at booking when the day before\'s time has passed, or the call is later today', () => {
    const booked = sh('2026-03-04 16:00');
    expect(appointmentSmsSendAt(sh('2026-03-05 10:00'), booked, SHANGHAI, dayBeforeAt)).toBe(booked);
    expect(appointmentSmsSendAt(sh('2026-03-04 17:00'), booked, SHANGHAI, dayBeforeAt)).toBe(booked);
  });
});
