import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { SlaPresetName, type SlaSetup } from '../../../../shared/api/sla-contract';
import { useSettings, type SlaPreset } from './settings-store';
import { SlaTargetClocks } from './sla-target-clocks';

/**
 * The SLA preset (时限方案) new issues are timed with. Leads pick one and apply it: a native
 * select changes its value while arrowing through it, so the change waits for the button.
 */
export function SlaPresetPanel(props: { setup: SlaSetup; canChange: boolean }): JSX.Element {
  const { t } = useTranslation('settings');
  const { setup, canChange } = props;
  const busy = useSettings((s) => s.busy);
  // The choice while it differs from the saved preset; null follows the saved one.
  const [choice, setChoice] = useState<SlaPreset | null>(null);
  const selected = choice ?? setup.preset;
  const nameOf = (preset: SlaPreset): string => setup.presets.find((p) => p.preset === preset)?.name ?? preset;
  const active = setup.presets.find((p) => p.preset === setup.preset);

  const apply = async (): Promise<void> => {
    if (selected === setup.preset) return;
    const ok = await useSettings.getState().setPreset(selected);
    if (!ok) return;
    setChoice(null);
    notifications.show({ color: 'teal', message: t('preset.changed', { preset: selected, name: nameOf(selected) }) });
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="sla-preset-panel">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('preset.title')}
        </Title>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {t('preset.active')}
          </Text>
          <Badge size="lg" variant="light" tt="none" data-testid="sla-preset" data-preset={setup.preset}>
            {t('preset.label', { preset: setup.preset, name: active?.name ?? '' })}
          </Badge>
          {active && (
            <Text size="xs" c="dimmed" ff="monospace">
              {active.policyId}
            </Text>
          )}
        </Group>
        {canChange && (
          <Group gap="sm" align="flex-end">
            <NativeSelect
              label={t('preset.choose')}
              value={selected}
              onChange={(event) => {
                const parsed = SlaPresetName.safeParse(event.currentTarget.value);
                if (parsed.success) setChoice(parsed.data === setup.preset ? null : parsed.data);
              }}
              data={setup.presets.map((p) => ({ value: p.preset, label: t('preset.label', { preset: p.preset, name: p.name }) }))}
              disabled={busy !== null}
              w={360}
              data-testid="sla-preset-select"
            />
            <Button
              onClick={() => void apply()}
              disabled={selected === setup.preset || (busy !== null && busy !== 'preset')}
              loading={busy === 'preset'}
              data-testid="sla-preset-apply"
            >
              {t('preset.apply')}
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('preset.note')}
        </Text>
        <SlaTargetClocks setup={setup} canChange={canChange} />
      </Stack>
    </Paper>
  );
}
