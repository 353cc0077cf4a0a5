import { Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: [string[], string][] = [
  [['Alt', '→'], 'shortcut.next'],
  [['Alt', '←'], 'shortcut.previous'],
  [['1…9', '0'], 'shortcut.answer'],
  [['Alt', 'N'], 'shortcut.notes'],
  [['Esc'], 'shortcut.leaveField'],
  [['Alt', '1…5'], 'shortcut.disposition'],
  [['Ctrl', 'Enter'], 'shortcut.finish'],
  [['Alt', 'D'], 'shortcut.dial'],
  [['Alt', 'I'], 'shortcut.ticket'],
];

/** The keyboard map, always visible: agents learn it by seeing it. */
export function ShortcutsLegend() {
  const { t } = useTranslation('call');
  return (
    <Group gap="md" data-testid="shortcuts" wrap="wrap">
      {SHORTCUTS.map(([keys, label]) => (
        <Group key={label} gap={4} wrap="nowrap">
          {keys.map((k) => (
            <Kbd key={k} size="xs">
              {k}
            </Kbd>
          ))}
          <Text size="xs" c="dimmed">
            {t(label)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
