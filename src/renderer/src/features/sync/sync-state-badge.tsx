import { Badge, type MantineColor } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../../shared/api/sync-contract';

/** Grey when sync is not in use, green when work reaches the team, warmer the longer it cannot. */
export const STATE_COLORS: Record<SyncState, MantineColor> = {
  standalone: 'gray',
  signed_out: 'yellow',
  syncing: 'blue',
  online: 'teal',
  offline: 'orange',
  update_required: 'red',
};

export function SyncStateBadge(props: { state: SyncState }): JSX.Element {
  const { t } = useTranslation('sync');
  return (
    <Badge color={STATE_COLORS[props.state]} variant="light" tt="none" data-testid="sync-state" data-state={props.state}>
      {t(`state.${props.state}`)}
    </Badge>
  );
}
