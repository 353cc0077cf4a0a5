import type { TFunction } from 'i18next';
import type { ApiError } from '../../../../shared/api/result';

/**
 * The core's messages are technical English; agents get a translated sentence, and the
 * detail only where it helps (validation messages name the field that is wrong).
 */
export function describeApiError(t: TFunction, error: ApiError): string {
  const reason = reasonText(t, error);
  if (reason) return reason;
  // The HTTP bridge reports a dead core as `internal` with this wording (see transport/http-bridge.ts).
  if (error.code === 'internal' && error.message.includes('not reachable')) return t('common:error.unreachable');
  if (error.code === 'invalid_input' || error.code === 'conflict' || error.code === 'not_found') {
    return `${t('common:error.generic')} (${error.message})`;
  }
  return t('common:error.generic');
}

/** Namespaces whose `errors.<code>` sentences explain a reason code the core puts in a field. */
const REASON_NAMESPACES = ['tickets'] as const;
const REASON_CODE = /^[a-z][a-z_]*$/;

/** A field whose value is a reason code (e.g. `evidence_frozen`) with its own sentence. */
function reasonText(t: TFunction, error: ApiError): string | null {
  for (const value of Object.values(error.fields ?? {})) {
    if (!REASON_CODE.test(value)) continue;
    for (const namespace of REASON_NAMESPACES) {
      const text = t(`${namespace}:errors.${value}`, { defaultValue: '' });
      if (text) return text;
    }
  }
  return null;
}
