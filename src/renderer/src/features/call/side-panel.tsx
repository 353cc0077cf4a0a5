import { Paper, ScrollArea, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_CHARS } from '../../../../shared/api/contract';
import type { Locale } from '../../../../shared/domain/model';
import { fillPlaceholders, localize } from '../../../../shared/scripts/script-interpreter';
import type { SaveStatus } from './autosaver';
import { NOTES_FIELD_ID, useCallStore, type SideTab } from './call-store';

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
  const tab = useCallStore((s) => s.sideTab);
  const noteStatus = useCallStore((s) => s.noteStatus);
  const answerStatus = useCallStore((s) => s.answerStatus);
  const { setNotes, setSideTab } = useCallStore.getState();
  const status = combined(noteStatus, answerStatus);
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
    <Paper withBorder radius="md" p="sm">
      <Tabs value={tab} onChange={(value) => value && setSideTab(value as SideTab)} keepMounted>
        <Tabs.List>
          <Tabs.Tab value="notes" data-testid="notes-tab">
            {t('notes')} (Alt+N)
          </Tabs.Tab>
          <Tabs.Tab value="lines" data-testid="deescalation-tab">
            {t('deescalation')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="notes" pt="sm">
          <Textarea
            id={NOTES_FIELD_ID}
            data-testid="notes"
            autosize
            minRows={8}
            maxRows={18}
            maxLength={NOTE_MAX_CHARS}
            value={notes}
            placeholder={t('notesPlaceholder')}
            onChange={(event) => setNotes(event.currentTarget.value)}
            aria-label={t('notes')}
          />
          <Text
            size="xs"
            mt={4}
            mih={18}
            c={status.state === 'error' ? 'red' : 'dimmed'}
            fw={status.state === 'error' ? 600 : undefined}
            data-testid="save-status"
            data-state={status.state}
            aria-live="polite"
          >
            {statusText}
          </Text>
        </Tabs.Panel>
        <Tabs.Panel value="lines" pt="sm">
          <ScrollArea.Autosize mah={520}>
            <Stack gap="sm" data-testid="deescalation">
              {lines.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('noLines')}
                </Text>
              )}
              {lines.map((line) => (
                <div key={line.id} data-testid="deescalation-line">
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
