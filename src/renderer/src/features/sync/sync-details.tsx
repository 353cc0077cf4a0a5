import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { format } from 'date-fns';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/result';
import type { SyncState } from '../../../../shared/api/sync-contract';
import { describeApiError } from '../shell/api-error';
import { useDateLocale } from '../shell/date-locale';
import { useNow } from '../shell/use-now';
import { FactTable, type Fact } from './fact-table';
import { RejectionList } from './rejection-list';
import { SyncStateBadge } from './sync-state-badge';
import { useSync } from './sync-store';
import { ago, fromNow } from './sync-text';

/** Only a signed-in desktop that the hub still serves has anything to try now. */
const CAN_SYNC: readonly SyncState[] = ['online', 'offline', 'syncing'];

/** What the header indicator opens: the connection in detail, "sync now", and the refused edits. */
export function SyncDetails(props: { onOpenSettings(): void }): JSX.Element | null {
  const { t } = useTranslation(['sync', 'common']);
  const status = useSync((s) => s.status);
  const busy = useSync((s) => s.busy);
  const dateLocale = useDateLocale();
  const now = useNow();
  const [error, setError] = useState<ApiError | null>(null);

  if (!status) return null;
  const when = (at: number): string => format(at, t('dateTimeFormat'), { locale: dateLocale });
  const syncNow = async (): Promise<void> => {
    setError(null);
    setError(await useSync.getState().syncNow());
  };

  const facts: Fact[] = [
    { label: t('details.hub'), value: status.hubUrl ?? t('details.hubNotSet'), testId: 'sync-hub' },
    {
      label: t('details.user'),
      value: status.user ? t('details.userValue', { name: status.user.name, username: status.user.username }) : t('details.notSignedIn'),
      testId: 'sync-user',
    },
    {
      label: t('details.pending'),
      testId: 'sync-pending',
      value:
        status.pending === 0 ? (
          t('details.pendingNone')
        ) : (
          <>
            {t('details.pendingCount', { count: status.pending })}
            {status.oldestPendingAt !== null && (
              <Text size="xs" c="dimmed">
                {t('details.oldestPending', { time: when(status.oldestPendingAt), ago: ago(t, now, status.oldestPendingAt) })}
              </Text>
            )}
          </>
        ),
    },
  ];
  if (status.state !== 'standalone') {
    facts.push({
      label: t('details.lastSynced'),
      testId: 'sync-last-synced',
      value: status.lastSyncedAt === null ? t('details.never') : t('details.timeAgo', { time: when(status.lastSyncedAt), ago: ago(t, now, status.lastSyncedAt) }),
    });
  }
  if (status.lastError) facts.push({ label: t('details.lastError'), value: <Text size="sm" c="red.8">{status.lastError}</Text>, testId: 'sync-last-error' });
  if (status.nextAttemptAt !== null) {
    facts.push({
      label: t('details.nextAttempt'),
      testId: 'sync-next-attempt',
      value: t('details.timeIn', { time: when(status.nextAttemptAt), in: fromNow(t, now, status.nextAttemptAt) }),
    });
  }

  return (
    <Stack gap="sm" data-testid="sync-details">
      <Group gap="xs">
        <SyncStateBadge state={status.state} />
      </Group>
      <Text size="sm" c="dimmed">
        {t(`stateHint.${status.state}`)}
      </Text>
      <FactTable facts={facts} />
      <Group gap="sm">
        <Button
          size="sm"
          onClick={() => void syncNow()}
          disabled={!CAN_SYNC.includes(status.state)}
          loading={busy === 'syncNow' || status.state === 'syncing'}
          data-testid="sync-now"
        >
          {t('details.syncNow')}
        </Button>
        <Button size="sm" variant="default" onClick={props.onOpenSettings} data-testid="sync-open-settings">
          {t('details.openSettings')}
        </Button>
      </Group>
      {error && (
        <Text size="sm" c="red.8" role="alert" data-testid="sync-now-error">
          {t('details.syncFailed', { detail: describeApiError(t, error) })}
        </Text>
      )}
      <Divider />
      <RejectionList rejections={status.rejections} testId="sync-rejections" />
    </Stack>
  );
}
