import type { TFunction } from 'i18next';
import type { LocalRejection } from '../../../../shared/api/sync-contract';
import { i18n } from '../../i18n';
import { formatDuration } from '../shell/format-duration';

const MINUTE = 60_000;

/**
 * A mutation's name in words ("note.save" -> 备注). Names are `<area>.<step>`, and each known one
 * has a leaf under `sync:mutation`; a name from a newer app, or an odd one, is shown as it is.
 */
export function mutationLabel(t: TFunction, name: string): string {
  const key = `sync:mutation.${name}`;
  return /^\w+\.\w+$/.test(name) && i18n.exists(key) ? t(key) : name;
}

/** Why the hub refused, led by the kind of refusal ("已被他人抢先：…"); the reason itself is the hub's. */
export function rejectionReason(t: TFunction, rejection: Pick<LocalRejection, 'code' | 'reason'>): string {
  return t(`sync:rejections.reason.${rejection.code}`, { reason: rejection.reason });
}

/** "5 分钟前"; under a minute "刚刚", since seconds would only flicker in the header. */
export function ago(t: TFunction, now: number, at: number): string {
  const ms = now - at;
  if (ms < MINUTE) return t('sync:time.justNow');
  return t('sync:time.ago', { duration: formatDuration(t, ms) });
}

/** "3 分钟后" for the next attempt; one already due is "马上". */
export function fromNow(t: TFunction, now: number, at: number): string {
  const ms = at - now;
  if (ms < MINUTE) return t('sync:time.soon');
  return t('sync:time.in', { duration: formatDuration(t, ms) });
}
