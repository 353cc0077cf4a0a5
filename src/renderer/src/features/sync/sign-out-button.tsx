import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyApiError } from '../shell/notify-error';
import { useSync } from './sync-store';

/** Signing out asks first: agents fear losing unsent work, and the dialog says it stays here. */
export function SignOutButton(props: { pending: number }): JSX.Element {
  const { t } = useTranslation(['sync', 'common']);
  const busy = useSync((s) => s.busy === 'signOut');
  const [asking, setAsking] = useState(false);

  const signOut = async (): Promise<void> => {
    const error = await useSync.getState().signOut();
    setAsking(false);
    if (error) notifyApiError('sync:account.signOutFailed', error);
    else notifications.show({ color: 'teal', message: t('account.signedOut') });
  };

  return (
    <>
      <Group>
        <Button variant="default" color="red" onClick={() => setAsking(true)} data-testid="sync-sign-out">
          {t('account.signOut')}
        </Button>
      </Group>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('account.confirmTitle')} data-testid="sync-sign-out-dialog">
        <Text size="sm">{t('account.confirmBody', { n: props.pending })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setAsking(false)}>
            {t('common:cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void signOut()} data-testid="sync-sign-out-confirm">
            {t('account.signOut')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
