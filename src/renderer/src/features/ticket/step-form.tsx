import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING_RATINGS, COMPENSATIONS, type ClosingRating, type Compensation, type Ticket } from '../../../../shared/tickets/ticket-model';
import { describeApiError } from '../shell/api-error';
import { useTicket, type StepChoice, type StepDraft } from './ticket-store';

type Field = 'progress' | 'solution' | 'compensations' | 'closingRating' | 'reason' | 'comment';

/** Which fields each step asks for, and which of them it cannot do without. */
const STEP_FIELDS: Partial<Record<StepChoice, { fields: Field[]; required: Field[] }>> = {
  respond: { fields: ['progress'], required: [] },
  wait_customer: { fields: ['progress'], required: [] },
  propose_solution: { fields: ['solution', 'compensations'], required: ['solution'] },
  reject_solution: { fields: ['reason'], required: [] },
  close: { fields: ['closingRating', 'solution', 'progress'], required: ['closingRating', 'solution'] },
  reopen: { fields: ['reason'], required: ['reason'] },
  void: { fields: ['reason'], required: ['reason'] },
  legal_hold: { fields: ['reason'], required: ['reason'] },
  approve: { fields: ['comment'], required: [] },
  reject: { fields: ['comment'], required: [] },
};

function isEmpty(draft: StepDraft, field: Field): boolean {
  if (field === 'compensations') return false;
  if (field === 'closingRating') return draft.closingRating === null;
  return draft[field].trim() === '';
}

/** The words a step needs (what the customer was told, the solution, a rating, a reason). */
export function StepForm({ step, ticket }: { step: StepChoice; ticket: Ticket }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const draft = useTicket((s) => s.stepDraft);
  const busy = useTicket((s) => s.stepBusy);
  const error = useTicket((s) => s.stepError);
  const { setStepDraft, submitStep, cancelStep } = useTicket.getState();
  const [missing, setMissing] = useState<Field[]>([]);
  const spec = STEP_FIELDS[step] ?? { fields: [], required: [] };
  const has = (field: Field): boolean => spec.fields.includes(field);

  // The core names the field it refused; show its message there as well as above the buttons.
  const coreField = (field: Field): string | undefined => error?.fields?.[field];
  const fieldError = (field: Field): string | undefined =>
    missing.includes(field) ? t(`step.required.${field}`) : coreField(field);

  const submit = (): void => {
    const empty = spec.required.filter((field) => isEmpty(draft, field));
    setMissing(empty);
    if (empty.length === 0) void submitStep();
  };

  const edit = (patch: Partial<StepDraft>): void => {
    setMissing((prev) => prev.filter((field) => !(field in patch)));
    setStepDraft(patch);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancelStep();
    }
  };

  const hint = step === 'propose_solution' ? (ticket.kind === 'complaint' ? t('step.hint.complaintApproval') : t('step.hint.compensationApproval'))
    : step === 'close' && draft.closingRating === 'dissatisfied' ? t('step.hint.dissatisfied')
      : step === 'legal_hold' ? t('step.hint.legalHold')
        : null;

  return (
    <Stack
      gap="sm"
      p="sm"
      data-testid="ticket-step-form"
      data-step={step}
      onKeyDown={onKeyDown}
      style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Text size="sm" fw={600}>
        {t(`action.${step}`)}
      </Text>
      {has('closingRating') && (
        <Radio.Group
          label={t('step.closingRating')}
          value={draft.closingRating ?? ''}
          onChange={(value) => edit({ closingRating: value as ClosingRating })}
          error={fieldError('closingRating')}
          withAsterisk
          data-testid="step-rating"
        >
          <Group gap="md" mt={4}>
            {CLOSING_RATINGS.map((rating) => (
              <Radio key={rating} value={rating} label={t(`rating.${rating}`)} data-testid={`step-rating-${rating}`} />
            ))}
          </Group>
        </Radio.Group>
      )}
      {has('solution') && (
        <Textarea
          label={step === 'close' ? t('step.finalSolution') : t('step.solution')}
          value={draft.solution}
          onChange={(e) => edit({ solution: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          error={fieldError('solution')}
          withAsterisk
          autoFocus={step === 'propose_solution'}
          data-testid="step-solution"
        />
      )}
      {has('compensations') && (
        <Checkbox.Group
          label={t('step.compensations')}
          value={draft.compensations}
          onChange={(value) => edit({ compensations: value as Compensation[] })}
          error={coreField('compensations')}
          data-testid="step-compensations"
        >
          <Group gap="md" mt={4}>
            {COMPENSATIONS.map((c) => (
              <Checkbox key={c} value={c} label={t(`compensation.${c}`)} data-testid={`step-compensation-${c}`} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {has('progress') && (
        <Textarea
          label={t(`step.progress.${step === 'close' ? 'close' : step === 'wait_customer' ? 'wait' : 'default'}`)}
          description={t('step.progressHint')}
          value={draft.progress}
          onChange={(e) => edit({ progress: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          error={fieldError('progress')}
          autoFocus={step !== 'close'}
          data-testid="step-progress"
        />
      )}
      {has('reason') && (
        <Textarea
          label={t(`step.reason.${step}`)}
          value={draft.reason}
          onChange={(e) => edit({ reason: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          error={fieldError('reason')}
          withAsterisk={spec.required.includes('reason')}
          autoFocus
          data-testid="step-reason"
        />
      )}
      {has('comment') && (
        <Textarea
          label={t('step.comment')}
          value={draft.comment}
          onChange={(e) => edit({ comment: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          error={fieldError('comment')}
          autoFocus
          data-testid="step-comment"
        />
      )}
      {hint && (
        <Text size="xs" c="orange.8" data-testid="step-hint">
          {hint}
        </Text>
      )}
      {error && (
        <Alert color="red" py="xs" data-testid="ticket-action-error">
          {describeApiError(t, error)}
        </Alert>
      )}
      <Group gap="sm" justify="flex-end">
        <Text size="xs" c="dimmed">
          {t('step.submitHint')}
        </Text>
        <Button variant="default" size="sm" onClick={cancelStep} data-testid="ticket-step-cancel">
          {t('common:cancel')}
        </Button>
        <Button size="sm" loading={busy} onClick={submit} color={step === 'void' || step === 'reject' ? 'red' : undefined} data-testid="ticket-step-submit">
          {t('step.confirm', { action: t(`action.${step}`) })}
        </Button>
      </Group>
    </Stack>
  );
}
