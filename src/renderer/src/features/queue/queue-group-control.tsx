import { Badge, Group, SegmentedControl } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { QueueGroup } from '../../../../shared/api/contract';
import { useQueue } from './queue-store';

const GROUPS = QueueGroup.options;

/** Overdue / today / upcoming, each with its count; overdue in red because it is the one that hurts. */
export function QueueGroupControl(): JSX.Element {
  const { t } = useTranslation('queue');
  const group = useQueue((s) => s.group);
  const counts = useQueue((s) => s.counts);
  const setGroup = useQueue((s) => s.setGroup);

  return (
    <SegmentedControl
      size="sm"
      // Equal-width segments sized for the longest label plus a five-digit count.
      miw={480}
      value={group}
      onChange={(value) => setGroup(QueueGroup.parse(value))}
      aria-label={t('group.label')}
      data-testid="queue-group"
      data={GROUPS.map((g) => ({
        value: g,
        label: (
          <Group gap={6} wrap="nowrap" justify="center">
            <span>{t(`group.${g}`)}</span>
            <Badge
              size="sm"
              variant={g === 'overdue' && (counts?.overdue ?? 0) > 0 ? 'filled' : 'light'}
              color={g === 'overdue' ? 'red' : 'gray'}
              data-testid={`count-${g}`}
              style={{ flexShrink: 0 }}
            >
              {counts ? counts[g].toLocaleString() : '…'}
            </Badge>
          </Group>
        ),
      }))}
    />
  );
}
