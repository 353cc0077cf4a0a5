import { Paper, ScrollArea, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../shared/domain/model';
import { fillPlaceholders, localize } from '../../../../shared/scripts/script-interpreter';
import type { SaveStatus } from './autosaver';
import { useCallStore } from './call-store';

export const NOTES_FIELD_ID = 'call-notes';

/** One status for everything typed in the call: saved only when notes and answers both are. */
function combined(a: SaveStatus, b: SaveStatus): SaveStatus {
  if (a.state === 'error') return a;
  if (b.state === 'error') return b;
  if (a.state === 'pending' || a.state === 'saving') return a;
  if (b.state === 'pending' || b.state === 'saving') return b;
  if (a.state === 'saved' && b.state === 'saved') return a.at >= b.at ? a : b;
  return a.state === 'saved' ? a : b;
}

/** Notes (autosaved while typing) and the de-escalation lines, both at hand at every step. */
export function SidePanel({ locale }: { locale: Locale }) {
  const { t } = useTranslation('call');
  const opened = useCallStore((s) => s.opened);
  const notes = useCallStore((s) => s.notes);
  const status = combined(useCallStore((s) => s.noteStatus), useCallStore((s) => s.answerStatus));
  const setNotes = useCallStore((s) => s.setNotes);
  const lines = opened?.script?.deescalation ?? [];
  const statusText =
    status.state === 'saved'
      ? t('savedAt', { time: format(status.at, 'HH:mm:ss') })
      : status.state === 'error'
        ? t('saveFailed', { message: status.message })
        : status.state === 'idle'
          ? ''
          : t('saving');
  return (
    <Paper withBorder radius="md" p="sm" h="100%">
      <Tabs defaultValue="notes" keepMounted>
        <Tabs.List>
          <Tabs.Tab value="notes">{t('notes')} (Alt+N)</Tabs.Tab>
          <Tabs.Tab value="lines" data-testid="deescalation-tab">
            {t('deescalation')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="notes" pt="sm">
          <Textarea
            id={NOTES_FIELD_ID}
            data-testid="notes"
            autosize
            minRows={12}
            maxRows={24}
            maxLength={20000}
            value={notes}
            placeholder={t('notesPlaceholder')}
            onChange={(event) => setNotes(event.currentTarget.value)}
            aria-label={t('notes')}
          />
          <Text size="xs" mt={4} c={status.state === 'error' ? 'red' : 'dimmed'} data-testid="save-status" data-state={status.state} aria-live="polite">
            {statusText}
          </Text>
        </Tabs.Panel>
        <Tabs.Panel value="lines" pt="sm">
          <ScrollArea.Autosize mah={480}>
            <Stack gap="sm" data-testid="deescalation">
              {lines.map((line) => (
                <div key={line.id}>
                  <Text fw={600} size="sm">
                    {localize(line.title, locale)}
                  </Text>
                  <Text size="sm">{opened ? fillPlaceholders(localize(line.text, locale), opened.placeholders) : ''}</Text>
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
