import { Alert, Badge, Box, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../shared/domain/model';
import { fillPlaceholders, localize } from '../../../../shared/scripts/script-interpreter';
import { AnswerInput } from './answer-input';
import { currentStep, useCallStore } from './call-store';

/** The guided script: what to say now, the question with its typed answer, and the way forward. */
export function ScriptPanel({ locale }: { locale: Locale }) {
  const { t } = useTranslation(['call', 'common']);
  const opened = useCallStore((s) => s.opened);
  const path = useCallStore((s) => s.path);
  const answers = useCallStore((s) => s.answers);
  const stepError = useCallStore((s) => s.stepError);
  const { answer, next, previous } = useCallStore.getState();
  const step = currentStep({ opened, path });
  if (!opened) return null;
  if (opened.scriptError || !opened.script) {
    const problem = opened.scriptError;
    return (
      <Alert color="red" title={t('scriptBroken')} data-testid="script-error">
        {problem ? t('scriptBrokenDetail', { file: problem.file, step: problem.stepId ?? '-', message: problem.message }) : null}
      </Alert>
    );
  }
  if (!step) return null;
  const fill = (text: Parameters<typeof localize>[0]) => fillPlaceholders(localize(text, locale), opened.placeholders);
  const script = opened.script;
  return (
    <Paper withBorder p="md" radius="md" tabIndex={-1} id="script-step" aria-labelledby="step-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="xs" c="dimmed" data-testid="step-path">
            {path.map((id) => localize(script.steps.find((s) => s.id === id)!.title, locale)).join(' › ')}
          </Text>
          <Badge variant="light">{`${localize(script.title, locale)} v${script.version}`}</Badge>
        </Group>
        <Title order={4} id="step-title" data-testid="step-title">
          {localize(step.title, locale)}
        </Title>
        <Box
          data-testid="step-say"
          p="sm"
          bg="var(--mantine-color-blue-light)"
          style={{ borderRadius: 'var(--mantine-radius-sm)', fontSize: 'var(--mantine-font-size-lg)', lineHeight: 1.6 }}
        >
          {fill(step.say)}
        </Box>
        {step.prompts && step.prompts.length > 0 && (
          <List size="sm" c="dimmed" data-testid="step-prompts">
            {step.prompts.map((prompt, index) => (
              <List.Item key={index}>{fill(prompt)}</List.Item>
            ))}
          </List>
        )}
        {step.question && (
          <AnswerInput question={step.question} value={answers[step.question.key]} locale={locale} onAnswer={answer} />
        )}
        {stepError && (
          <Text c="red" size="sm" role="alert" data-testid="step-error">
            {t(`common:${stepError}`)}
          </Text>
        )}
        {step.end && (
          <Alert color="teal" data-testid="step-end">
            {t('endReached', { disposition: t(`common:disposition.${step.end === 'customer_busy' ? 'customer_busy' : step.end}`) })}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={previous} disabled={path.length <= 1} data-testid="prev-step">
            {t('previous')} (Alt+←)
          </Button>
          <Button onClick={next} disabled={Boolean(step.end)} data-testid="next-step">
            {t('next')} (Alt+→)
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
