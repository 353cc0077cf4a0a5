import { Button, FileButton, Group, Paper, Text } from '@mantine/core';
import { useRef, useState, type DragEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useImport } from './import-store';

export const IMPORT_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Where the export comes in: a button (keyboard reachable) or a file dropped anywhere on the
 * box. Only one file at a time; the core says whether it is a spreadsheet, not the extension.
 */
export function FilePicker(): JSX.Element {
  const { t } = useTranslation('import');
  const busy = useImport((s) => s.busy);
  const file = useImport((s) => s.file);
  const resetInput = useRef<() => void>(null);
  const [over, setOver] = useState(false);

  const take = (picked: File | null | undefined): void => {
    if (!picked) return;
    void useImport.getState().chooseFile(picked);
    // Cleared so choosing the same (corrected) file again is a change the input reports.
    resetInput.current?.();
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    if (!busy) take(event.dataTransfer.files[0]);
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="import-drop-zone"
      data-over={over ? 'true' : 'false'}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-color-blue-5)' : undefined,
        background: over ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Text size="sm" fw={500}>
            {file ? t('file.chosen', { name: file.name }) : t('file.drop')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('file.hint')}
          </Text>
        </div>
        <FileButton
          onChange={take}
          accept={IMPORT_ACCEPT}
          resetRef={resetInput}
          disabled={busy !== null}
          inputProps={{ 'data-testid': 'import-file-input', 'aria-label': t('file.choose') } as JSX.IntrinsicElements['input']}
        >
          {(button) => (
            <Button {...button} variant={file ? 'default' : 'filled'} loading={busy === 'upload'} disabled={busy !== null} data-testid="import-choose">
              {file ? t('file.chooseOther') : t('file.choose')}
            </Button>
          )}
        </FileButton>
      </Group>
    </Paper>
  );
}
