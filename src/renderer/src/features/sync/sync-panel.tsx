import { Alert, Button, Center, Divider, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/api/sync-contract';
import { describeApiError } from '../shell/api-error';
import { FactTable } from './fact-table';
import { RejectionList } from './rejection-list';
import { SignInForm } from './sign-in-form';
import { SignOutButton } from './sign-out-button';
import { SyncStateBadge } from './sync-state-badge';
import { useSync } from './sync-store';
import { TeamPanel } from './team-panel';

/**
 * 同步 in the settings: signing in to the hub (or out), the edits it refused, and for leads their
 * team's devices. The shell keeps the status current, so this panel only reads it.
 */
export function SyncPanel(): JSX.Element {
  const { t } = useTranslation(['sync', 'common']);
  const status = useSync((s) => s.status);
  const loadError = useSync((s) => s.loadError);

  return (
    <Paper withBorder radius="md" p="md" data-testid="sync-panel" data-state={status?.state}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h5">
            {t('title')}
          </Title>
          {status && <SyncStateBadge state={status.state} />}
        </Group>

        {!status && loadError && (
          <Alert color="red" variant="light" title={t('account.loadFailed')} data-testid="sync-load-error">
            {describeApiError(t, loadError)}
            <Button mt="sm" size="xs" variant="default" display="block" onClick={() => void useSync.getState().load()}>
              {t('common:retry')}
            </Button>
          </Alert>
        )}
        {!status && !loadError && (
          <Center py="md">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}

        {status && (status.state === 'standalone' || status.state === 'signed_out' ? <SignInForm status={status} /> : <SyncAccount status={status} />)}

        {status && status.rejections.length > 0 && (
          <>
            <Divider />
            <RejectionList rejections={status.rejections} testId="sync-panel-rejections" />
          </>
        )}

        {status?.team && (
          <>
            <Divider />
            <TeamPanel team={status.team} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function SyncAccount(props: { status: SyncStatus }): JSX.Element {
  const { t } = useTranslation('sync');
  const { status } = props;
  return (
    <Stack gap="sm" data-testid="sync-account">
      <FactTable
        facts={[
          {
            label: t('account.user'),
            value: status.user ? t('details.userValue', { name: status.user.name, username: status.user.username }) : t('details.notSignedIn'),
            testId: 'sync-account-user',
          },
          { label: t('account.hub'), value: status.hubUrl ?? t('details.hubNotSet'), testId: 'sync-account-hub' },
          {
            label: t('account.state'),
            value: (
              <Text size="sm" c={status.state === 'update_required' ? 'red.8' : undefined}>
                {t(`stateHint.${status.state}`)}
              </Text>
            ),
          },
        ]}
      />
      <SignOutButton pending={status.pending} />
    </Stack>
  );
}
