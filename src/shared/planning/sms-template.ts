/**
 * The appointment SMS ("a specialist will call you tomorrow at 10:00"): a template per language
 * in the planning rules, with {{customerTitle}}, {{time}} and {{company}}.
 *
 * Public API:
 *   SMS_PLACEHOLDERS, placeholdersIn(text)
 *   formatAppointmentTime(at, now, timeZone, locale): '明天 10:00' | 'tomorrow at 10:00' | ...
 *   renderSmsTemplate(template, locale, values): string       zh-CN when the locale has no text
 *   renderAppointmentSms(sms, { locale, customerTitle, company, at, now, timeZone }): string
 *   appointmentSmsSendAt(at, now, timeZone, dayBeforeAt): number   when the SMS goes to the outbox
 *
 * Unknown placeholders are rejected when the rules are loaded (planning-rules.ts), and again here
 * so a template from anywhere else cannot send "{{agent}}" to a customer.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Locale } from '../domain/model';
import type { LocalizedText } from '../scripts/script-schema';
import { addDays, localDateIn, localInstant } from './local-dates';
import { PlanningError } from './planning-error';

export const SMS_PLACEHOLDERS = ['customerTitle', 'time', 'company'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];
export type SmsValues = Record<SmsPlaceholder, string>;

/** {{name}}, spaces inside the braces allowed, as in the call scripts. */
const PLACEHOLDER_PATTERN = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Every placeholder name a text uses, in order, repeats included. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? '');
}

const isPlaceholder = (name: string): name is SmsPlaceholder => (SMS_PLACEHOLDERS as readonly string[]).includes(name);

/**
 * When the call is, said as the customer reads it in their own zone: today / tomorrow by name,
 * later days by date. Customers read "明天 10:00" faster than a full date.
 */
export function formatAppointmentTime(at: number, now: number, timeZone: string, locale: Locale): string {
  const local = new TZDate(at, timeZone);
  const time = format(local, 'HH:mm');
  const day = localDateIn(timeZone, at);
  const today = localDateIn(timeZone, now);
  const zh = locale !== 'en';
  if (day === today) return zh ? `今天 ${time}` : `today at ${time}`;
  if (day === addDays(today, 1)) return zh ? `明天 ${time}` : `tomorrow at ${time}`;
  if (day === addDays(today, 2) && zh) return `${locale === 'zh-TW' ? '後天' : '后天'} ${time}`;
  return zh ? `${format(local, 'M月d日')} ${time}` : `on ${format(local, 'EEEE d MMMM')} at ${time}`;
}

/** Fills a template's text for the locale (zh-TW falls back to zh-CN; a missing language to zh-CN). */
export function renderSmsTemplate(template: LocalizedText, locale: Locale, values: SmsValues): string {
  const text = (locale === 'en' ? template.en : locale === 'zh-TW' ? template['zh-TW'] : undefined) ?? template['zh-CN'];
  return text.replace(PLACEHOLDER_PATTERN, (_whole, name: string) => {
    if (!isPlaceholder(name)) {
      throw new PlanningError('invalid_input', `SMS template (${locale}): unknown placeholder "{{${name}}}"; use ${SMS_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
    }
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new PlanningError('invalid_input', `SMS template (${locale}): no value for {{${name}}}; a customer must never read an empty gap`);
    }
    return value;
  });
}

export interface AppointmentSmsInput {
  locale: Locale;
  /** Mr./Ms. + surname, e.g. 王先生 or Mr. Wang. */
  customerTitle: string;
  company: string;
  /** The booked call time, and now: today / tomorrow are relative to now in the customer's zone. */
  at: number;
  now: number;
  timeZone: string;
}

export function renderAppointmentSms(sms: { appointment: LocalizedText }, input: AppointmentSmsInput): string {
  return renderSmsTemplate(sms.appointment, input.locale, {
    customerTitle: input.customerTitle,
    company: input.company,
    time: formatAppointmentTime(input.at, input.now, input.timeZone, input.locale),
  });
}

/**
 * When the appointment SMS goes to the outbox: at `dayBeforeAt` (minute of the day) on the
 * customer's local day before the call; `now` when that has passed already (booked late, or for
 * later today), so the customer is never told after the day before.
 */
export function appointmentSmsSendAt(at: number, now: number, timeZone: string, dayBeforeAt: number): number {
  if (!Number.isFinite(at) || !Number.isFinite(now)) throw new PlanningError('invalid_input', `at and now must be epoch ms instants, got ${at} and ${now}`);
  const dayBefore = addDays(localDateIn(timeZone, at), -1);
  return Math.max(now, Math.min(localInstant(timeZone, dayBefore, dayBeforeAt), at));
}
