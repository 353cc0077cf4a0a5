import type { TFunction } from 'i18next';
import type { ApiError } from '../../../../shared/api/result';

/**
 * The core's messages are technical English; agents get a translated sentence, and the
 * detail only where it helps (validation messages name the field that is wrong).
 */
export function describeApiError(t: TFunction, error: ApiError): string {
  // The HTTP bridge reports a dead core as `internal` with this wording (see transport/http-bridge.ts).
  if (error.code === 'internal' && error.message.includes('not reachable')) return t('common:error.unreachable');
  if (error.code === 'invalid_input' || error.code === 'conflict' || error.code === 'not_found') {
    return `${t('common:error.generic')} (${error.message})`;
  }
  return t('common:error.generic');
}
