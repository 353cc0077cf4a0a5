import { Switch } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-store';
import { notifyApiError } from '../shell/notify-error';
import { useAlerts } from './alerts-store';

/**
 * 免打扰: holds back warning notifications (breaches always show). Shown in the alert centre and
 * in settings; they are never on screen together, so the one testid stays unique on a page.
 */
export function DndSwitch(): JSX.Element {
  const { t } = useTranslation('alerts');
  const dnd = useSession((s) => s.session?.settings.doNotDisturb ?? false);

  const toggle = async (on: boolean): Promise<void> => {
    // Turning alerts back on is a click: the moment to ask for desktop notifications, once.
    if (!on) void useAlerts.getState().requestPermission();
    const failed = await useSession.getState().setDoNotDisturb(on);
    if (failed) notifyApiError('alerts:dndFailed', failed);
  };

  return (
    <Switch
      checked={dnd}
      onChange={(event) => void toggle(event.currentTarget.checked)}
      label={t('centre.dnd')}
      description={t('centre.dndNote')}
      data-testid="dnd-switch"
    />
  );
}
