import { Button, Drawer, Indicator, Tooltip, VisuallyHidden } from '@mantine/core';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../navigation/navigation-store';
import { useNow } from '../shell/use-now';
import { SyncDetails } from './sync-details';
import { STATE_COLORS } from './sync-state-badge';
import { useSync } from './sync-store';
import { ago } from './sync-text';

/**
 * The header's word on sync: the state, what waits to be sent, and, while the hub cannot be
 * reached, how long it has waited and when the last sync was, so an agent sees before logging
 * off that work has not left this computer. A red mark means the hub refused something; the
 * details (a click away) say what and let the agent redo it.
 */
export function SyncIndicator(): JSX.Element | null {
  const { t } = useTranslation('sync');
  const status = useSync((s) => s.status);
  const [opened, setOpened] = useState(false);
  const now = useNow();

  if (!status) return null;
  const { state, pending } = status;
  const rejections = status.rejections.length;
  const parts = [t(`state.${state}`)];
  if (pending > 0) parts.push(t('indicator.pending', { count: pending }));
  if (state === 'offline') {
    if (pending > 0 && status.oldestPendingAt !== null) parts.push(t('indicator.oldest', { ago: ago(t, now, status.oldestPendingAt) }));
    parts.push(status.lastSyncedAt !== null ? t('indicator.lastSynced', { ago: ago(t, now, status.lastSyncedAt) }) : t('indicator.neverSynced'));
  }
  const rejectedText = rejections > 0 ? t('indicator.rejections', { count: rejections }) : null;
  const line = parts.join(' · ');

  return (
    <>
      {/* The header is narrow (English runs long): the line may be cut, the tooltip has all of it. */}
      <Tooltip label={[line, t(`stateHint.${state}`), rejectedText].filter(Boolean).join('\n')} withArrow multiline maw={360} style={{ whiteSpace: 'pre-line' }}>
        <Indicator color="red" size={10} offset={3} withBorder disabled={rejections === 0}>
          <Button
            size="sm"
            maw={440}
            variant="light"
            color={STATE_COLORS[state]}
            aria-haspopup="dialog"
            onClick={() => setOpened(true)}
            data-testid="sync-indicator"
            data-state={state}
            data-pending={pending}
            data-rejections={rejections}
          >
            <span style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>{line}</span>
            {rejectedText && <VisuallyHidden>{rejectedText}</VisuallyHidden>}
          </Button>
        </Indicator>
      </Tooltip>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size="md" title={t('details.title')} data-testid="sync-drawer">
        <SyncDetails
          onOpenSettings={() => {
            setOpened(false);
            useNavigation.getState().go({ name: 'settings' });
          }}
        />
      </Drawer>
    </>
  );
}
