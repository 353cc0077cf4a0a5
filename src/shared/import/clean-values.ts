/**
 * The small vocabularies of CRM exports, in Chinese (simplified and traditional) and English:
 * gender, preferred contact window, tags, kind of service record, satisfaction, and identifiers
 * (customer numbers, serial numbers). Customer types are a configurable table: tier-synonyms.ts.
 *
 * Public API (each takes the cell's text and gives { ok: true, value } or { ok: false, reason }):
 *   cleanGender, cleanContactWindow, cleanTags, cleanServiceKind, cleanSatisfaction,
 *   cleanIdentifier
 *   SERVICE_KINDS / ServiceKind
 *
 * Decisions:
 * - An empty or "unknown" gender (未知, 保密) is 'unknown'; 1/0 and 1/2 codes are refused: CRMs
 *   disagree on what they mean.
 * - A contact window is a time range (9:00-12:00, 9点到12点, 09:00～11:30) or a part of the day:
 *   上午 09:00-12:00, 中午 12:00-14:00, 下午 14:00-18:00, 晚上 18:00-21:00; 全天 / 随时 / 不限
 *   means no preference (null).
 * - Satisfaction is a score 1..10 or a rating word (满意 / 基本满意 / 不满意 and their variants).
 * - Identifiers lose spaces and full-width forms but keep their case: C001 and c001 stay different.
 */
import { z } from 'zod';
import { Gender } from '../domain/model';
import { ClosingRating } from '../tickets/ticket-model';
import { cleanCode, cleanText, normalizeDashes } from './clean-text';

export type Cleaned<T> = { ok: true; value: T } | { ok: false; reason: string };

export const SERVICE_KINDS = ['repair', 'complaint', 'other'] as const;
export const ServiceKind = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKind>;

export interface Satisfaction {
  score: number | null;
  rating: ClosingRating | null;
}

const GENDERS: Record<string, Gender> = {
  男: 'male', 男性: 'male', 男士: 'male', 先生: 'male', m: 'male', male: 'male', man: 'male', mr: 'male', 'mr.': 'male',
  女: 'female', 女性: 'female', 女士: 'female', 小姐: 'female', f: 'female', female: 'female', woman: 'female',
  ms: 'female', 'ms.': 'female', mrs: 'female', 'mrs.': 'female', miss: 'female',
  未知: 'unknown', 保密: 'unknown', 不详: 'unknown', 不詳: 'unknown', unknown: 'unknown', '-': 'unknown', '': 'unknown',
};

const DAY_PARTS: Record<string, { start: number; end: number } | null> = {
  上午: { start: 540, end: 720 }, 早上: { start: 540, end: 720 }, morning: { start: 540, end: 720 },
  中午: { start: 720, end: 840 }, noon: { start: 720, end: 840 },
  下午: { start: 840, end: 1080 }, afternoon: { start: 840, end: 1080 },
  晚上: { start: 1080, end: 1260 }, 傍晚: { start: 1080, end: 1260 }, evening: { start: 1080, end: 1260 },
  全天: null, 随时: null, 隨時: null, 不限: null, 任意: null, 均可: null, 都可以: null, any: null, anytime: null,
};

const SERVICE_KIND_WORDS: Record<string, ServiceKind> = {
  维修: 'repair', 維修: 'repair', 报修: 'repair', 報修: 'repair', 故障: 'repair', 故障维修: 'repair', 维修单: 'repair',
  保修: 'repair', 售后维修: 'repair', repair: 'repair', fault: 'repair', 'fault repair': 'repair',
  投诉: 'complaint', 投訴: 'complaint', 客诉: 'complaint', 服务投诉: 'complaint', complaint: 'complaint',
  咨询: 'other', 諮詢: 'other', 安装: 'other', 安裝: 'other', 退换货: 'other', 退換貨: 'other', 保养: 'other',
  其他: 'other', 其它: 'other', other: 'other', installation: 'other', inquiry: 'other', consultation: 'other',
};

const RATINGS: Record<string, ClosingRating> = {
  满意: 'satisfied', 滿意: 'satisfied', 非常满意: 'satisfied', 非常滿意: 'satisfied', 很满意: 'satisfied',
  satisfied: 'satisfied', 'very satisfied': 'satisfied',
  基本满意: 'basically_satisfied', 基本滿意: 'basically_satisfied', 一般: 'basically_satisfied', 还行: 'basically_satisfied',
  'basically satisfied': 'basically_satisfied', neutral: 'basically_satisfied',
  不满意: 'dissatisfied', 不滿意: 'dissatisfied', 很不满意: 'dissatisfied', 非常不满意: 'dissatisfied',
  非常不滿意: 'dissatisfied', dissatisfied: 'dissatisfied', 'very dissatisfied': 'dissatisfied',
};

function key(text: string): string {
  return cleanText(text).toLowerCase();
}

export function cleanGender(text: string): Cleaned<Gender> {
  const found = GENDERS[key(text)];
  return found ? { ok: true, value: found } : { ok: false, reason: `"${cleanText(text)}" is not a gender (男/女, male/female, or empty)` };
}

export function cleanServiceKind(text: string): Cleaned<ServiceKind> {
  const found = SERVICE_KIND_WORDS[key(text)];
  return found ? { ok: true, value: found } : { ok: false, reason: `"${cleanText(text)}" is not a kind of service record (维修 / 投诉 / 咨询 ...)` };
}

export function cleanSatisfaction(text: string): Cleaned<Satisfaction> {
  const value = key(text);
  if (/^\d+(?:\.0+)?$/.test(value)) {
    const score = Number(value);
    if (score >= 1 && score <= 10) return { ok: true, value: { score, rating: null } };
    return { ok: false, reason: `"${value}" is outside the satisfaction scale 1..10` };
  }
  const rating = RATINGS[value];
  return rating
    ? { ok: true, value: { score: null, rating } }
    : { ok: false, reason: `"${cleanText(text)}" is not a satisfaction score 1..10 or rating (满意 / 基本满意 / 不满意)` };
}

const HOUR = String.raw`(\d{1,2})(?::(\d{2})|\s*[点點时時]\s*(?:(\d{1,2})\s*分?|(半))?)?`;
const RANGE = new RegExp(String.raw`^${HOUR}\s*(?:-|~|至|到)\s*${HOUR}$`);

export function cleanContactWindow(text: string): Cleaned<{ start: number; end: number } | null> {
  const value = normalizeDashes(key(text));
  if (value in DAY_PARTS) return { ok: true, value: DAY_PARTS[value] ?? null };
  const match = RANGE.exec(value);
  if (match) {
    const start = minutes(match, 1);
    const end = minutes(match, 5);
    if (start !== null && end !== null && start < end) return { ok: true, value: { start, end } };
  }
  return { ok: false, reason: `"${cleanText(text)}" is not a contact window (09:00-12:00, 上午, 下午, 晚上)` };
}

/** One HOUR group: hours, minutes after a colon, minutes after 点, or 半 (half past). */
function minutes(match: RegExpExecArray, at: number): number | null {
  const hours = Number(match[at]);
  const mins = Number(match[at + 1] ?? match[at + 2] ?? (match[at + 3] ? 30 : 0));
  if (hours > 24 || mins > 59 || (hours === 24 && mins > 0)) return null;
  return hours * 60 + mins;
}

export function cleanTags(text: string): Cleaned<string[]> {
  const tags = cleanText(text)
    .split(/\s*[,，;；、|/\n]\s*/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return { ok: true, value: [...new Set(tags)] };
}

export function cleanIdentifier(text: string): Cleaned<string> {
  const value = cleanCode(text);
  if (/^[+-]?\d+(?:\.\d+)?e\+?\d+$/i.test(value)) {
    return { ok: false, reason: `"${value}" is a number Excel wrote in scientific notation, so its digits are lost; format the column as text and export again` };
  }
  if (value.length > 100) return { ok: false, reason: 'longer than 100 characters' };
  return { ok: true, value };
}
