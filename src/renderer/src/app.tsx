import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from './features/shell/api-error';
import { AppShellLayout } from './features/shell/app-shell';
import { Onboarding } from './features/session/onboarding';
import { useSession } from './features/session/session-store';

/** Loads the session, then shows onboarding (no workspace yet) or the workstation. */
export function App(): JSX.Element {
  const { t } = useTranslation(['common', 'session']);
  const status = useSession((s) => s.status);
  const session = useSession((s) => s.session);
  const error = useSession((s) => s.error);
  const load = useSession((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'loading') {
    return (
      <Center mih="100dvh">
        <Loader size="md" aria-label={t('loading')} />
      </Center>
    );
  }

  if (status === 'failed' || !session) {
    return (
      <Center mih="100dvh" p="md">
        <Stack align="center" gap="sm" maw={480}>
          <Alert color="red" title={t('session:loadFailed')} w="100%">
            {error ? describeApiError(t, error) : t('error.generic')}
          </Alert>
          <Button size="sm" onClick={() => void load()}>
            {t('retry')}
          </Button>
        </Stack>
      </Center>
    );
  }

  const notice = session.storeNotice ? (
    <Alert color="yellow" variant="light" radius={0} py="xs" title={t('session:storeNoticeTitle')} data-testid="store-notice">
      <Text size="sm">{session.storeNotice}</Text>
    </Alert>
  ) : null;

  if (session.workspace === 'empty' || !session.agent) {
    return (
      <>
        {notice}
        <Onboarding />
      </>
    );
  }

  return <AppShellLayout agent={session.agent} notice={notice} />;
}
