import { Badge, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { format } from 'date-fns';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/api/sync-contract';
import { useDateLocale } from '../shell/date-locale';
import { useNow } from '../shell/use-now';
import { deviceHealth } from './device-health';
import { ago, mutationLabel, rejectionReason } from './sync-text';

type Team = NonNullable<SyncStatus['team']>;

/**
 * For leads: whose desktop holds work the team cannot see yet (flagged after an hour, or after 15
 * minutes without a word from it), and what the hub refused from whom, so it can be followed up.
 */
export function TeamPanel(props: { team: Team }): JSX.Element {
  return (
    <Stack gap="md">
      <TeamDevices devices={props.team.devices} />
      <TeamRejections rejections={props.team.rejections} />
    </Stack>
  );
}

function TeamDevices(props: { devices: Team['devices'] }): JSX.Element {
  const { t } = useTranslation('sync');
  const now = useNow();
  const since = (at: number | null): string => (at === null ? t('team.none') : ago(t, now, at));
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('team.devices')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('team.devicesNote')}
      </Text>
      {props.devices.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="team-devices" data-count={0}>
          {t('team.noDevices')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
          <Table striped fz="sm" verticalSpacing={4} aria-label={t('team.devices')} data-testid="team-devices" data-count={props.devices.length}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.columns.user')}</Table.Th>
                <Table.Th>{t('team.columns.device')}</Table.Th>
                <Table.Th ta="right">{t('team.columns.pending')}</Table.Th>
                <Table.Th>{t('team.columns.oldest')}</Table.Th>
                <Table.Th>{t('team.columns.heartbeat')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.devices.map((device) => {
                const health = deviceHealth(device, now);
                const flagged = health.stalePending || health.silent;
                return (
                  <Table.Tr key={device.clientId} data-testid={`team-device-${device.clientId}`} data-flagged={flagged} bg={flagged ? 'red.0' : undefined}>
                    <Table.Td>{device.userName}</Table.Td>
                    <Table.Td>{device.deviceName || t('team.unnamedDevice')}</Table.Td>
                    <Table.Td ta="right">{device.pending}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" c={health.stalePending ? 'red.8' : undefined}>
                          {device.pending > 0 ? since(device.oldestPendingAt) : t('team.none')}
                        </Text>
                        {health.stalePending && <FlagBadge label={t('team.flag.stalePending')} />}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" c={health.silent ? 'red.8' : undefined}>
                          {since(device.heartbeatAt)}
                        </Text>
                        {health.silent && <FlagBadge label={t('team.flag.silent')} />}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

function FlagBadge(props: { label: string }): JSX.Element {
  return (
    <Badge size="xs" color="red" variant="light" tt="none">
      {props.label}
    </Badge>
  );
}

function TeamRejections(props: { rejections: Team['rejections'] }): JSX.Element {
  const { t } = useTranslation('sync');
  const dateLocale = useDateLocale();
  const rows = [...props.rejections].sort((a, b) => b.rejectedAt - a.rejectedAt);
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('team.rejections')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="team-rejections" data-count={0}>
          {t('team.noRejections')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
          <Table striped fz="sm" verticalSpacing={4} aria-label={t('team.rejections')} data-testid="team-rejections" data-count={rows.length}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.rejectionColumns.user')}</Table.Th>
                <Table.Th>{t('team.rejectionColumns.what')}</Table.Th>
                <Table.Th>{t('team.rejectionColumns.reason')}</Table.Th>
                <Table.Th>{t('team.rejectionColumns.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((rejection) => (
                <Table.Tr key={`${rejection.clientId}/${rejection.mutationId}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{rejection.userName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{mutationLabel(t, rejection.name)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{rejectionReason(t, rejection)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format(rejection.rejectedAt, t('dateTimeFormat'), { locale: dateLocale })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
