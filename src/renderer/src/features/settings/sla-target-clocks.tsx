import { Alert, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaSetup } from '../../../../shared/api/sla-contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';
import { describeApiError } from '../shell/api-error';
import { formatDuration } from '../shell/format-duration';
import { useSettings } from './settings-store';

/**
 * Which clock each target of the active preset runs on. The seeds' hours are calendar time; a
 * lead whose centre is not staffed around the clock switches a target to working time here.
 * Targets in working days stay on working time.
 */
export function SlaTargetClocks(props: { setup: SlaSetup; canChange: boolean }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const change = async (key: string, clock: 'working' | 'calendar'): Promise<void> => {
    setBusy(key);
    setError(null);
    const result = await api.call('sla.setTargetClock', { key, clock });
    setBusy(null);
    if (result.ok) useSettings.setState({ setup: result.value });
    else setError(result.error);
  };

  const amount = (c: SlaSetup['clocks'][number]): string =>
    c.workingDays !== null ? t('form.workingDays', { days: c.workingDays }) : formatDuration(t, (c.minutes ?? 0) * 60_000, true);

  return (
    <Stack gap="xs" data-testid="sla-target-clocks">
      <Text size="sm" fw={600}>
        {t('clocks.title')}
      </Text>
      <Table withTableBorder striped verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {props.setup.clocks.map((c) => (
            <Table.Tr key={c.key} data-testid={`sla-target-clock-${c.key}`} data-clock={c.clock}>
              <Table.Td>
                <Text size="sm">{c.label}</Text>
                <Text size="xs" c="dimmed">
                  {t('sla.source', { seed: c.source.seed, rule: c.source.rule })}
                </Text>
              </Table.Td>
              <Table.Td>{amount(c)}</Table.Td>
              <Table.Td>
                {props.canChange && c.workingDays === null ? (
                  <SegmentedControl
                    size="xs"
                    value={c.clock}
                    disabled={busy !== null}
                    onChange={(value) => void change(c.key, value === 'working' ? 'working' : 'calendar')}
                    data={[
                      { value: 'calendar', label: t('sla.clock.calendar') },
                      { value: 'working', label: t('sla.clock.working') },
                    ]}
                  />
                ) : (
                  <Group gap={4}>
                    <Text size="sm">{t(`sla.clock.${c.clock}`)}</Text>
                  </Group>
                )}
                {c.clock !== c.shippedClock && (
                  <Text size="xs" c="orange.8">
                    {t('clocks.switched')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('clocks.note')}
      </Text>
      {error && (
        <Alert color="red" py="xs">
          {describeApiError(t, error)}
        </Alert>
      )}
    </Stack>
  );
}
