import { notifications } from '@mantine/notifications';
import type { ApiError } from '../../../../shared/api/result';
import { i18n } from '../../i18n';
import { describeApiError } from './api-error';

/** Errors from background loads (not from a form the agent is filling in) surface as a toast. */
export function notifyApiError(titleKey: string, error: ApiError): void {
  notifications.show({
    color: 'red',
    title: i18n.t(titleKey),
    message: describeApiError(i18n.t, error),
    autoClose: 8000,
  });
}
