import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../../../shared/api/contract';
import { describeApiError } from '../shell/api-error';
import { StepForm } from './step-form';
import { IMMEDIATE_STEPS, useTicket, type StepChoice } from './ticket-store';

/** Colours say what kind of step it is: forward (filled), a detour (light), undoing (red). */
const STEP_STYLE: Partial<Record<StepChoice, { variant: string; color?: string }>> = {
  wait_customer: { variant: 'light', color: 'gray' },
  reject_solution: { variant: 'light', color: 'orange' },
  reopen: { variant: 'light', color: 'orange' },
  void: { variant: 'subtle', color: 'red' },
  close: { variant: 'filled', color: 'teal' },
  approve: { variant: 'filled', color: 'teal' },
  reject: { variant: 'light', color: 'red' },
};

/**
 * The next steps: exactly the actions the core allows for this status, plus approve / reject
 * for a lead when a solution waits for approval. A step that needs words opens its form below.
 */
export function TicketSteps({ opened }: { opened: ApiOutput<'ticket.get'> }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const step = useTicket((s) => s.step);
  const busy = useTicket((s) => s.stepBusy);
  const error = useTicket((s) => s.stepError);
  const chooseStep = useTicket((s) => s.chooseStep);
  const { ticket, actions, canApprove } = opened;
  const awaitingApproval = ticket.status === 'solution_proposed' && ticket.approvalRequired && !ticket.approvedBy;
  const choices: StepChoice[] = [...(canApprove && awaitingApproval ? (['approve', 'reject'] as const) : []), ...actions];
  const blocked = (choice: StepChoice): boolean => choice === 'execute' && awaitingApproval;
  const showForm = step !== null && !IMMEDIATE_STEPS.includes(step);

  return (
    <Paper withBorder radius="md" p="sm" data-testid="ticket-steps">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t('step.title')}
        </Text>
        {choices.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="ticket-no-actions">
            {t(ticket.status === 'voided' ? 'step.noneVoided' : 'step.none')}
          </Text>
        ) : (
          <Group gap="xs" wrap="wrap">
            {choices.map((choice) => {
              const style = STEP_STYLE[choice] ?? { variant: 'default' };
              const active = step === choice;
              return (
                <Button
                  key={choice}
                  size="sm"
                  variant={active ? 'filled' : style.variant}
                  color={style.color}
                  disabled={blocked(choice) || (busy && !active)}
                  loading={busy && active}
                  aria-pressed={active}
                  onClick={() => chooseStep(choice)}
                  data-testid={`ticket-action-${choice}`}
                >
                  {t(`action.${choice}`)}
                </Button>
              );
            })}
          </Group>
        )}
        {awaitingApproval && (
          <Text size="xs" c="orange.8" data-testid="ticket-approval-needed">
            {canApprove ? t('step.approveHint') : t('step.awaitingApproval')}
          </Text>
        )}
        {showForm && <StepForm step={step} ticket={ticket} />}
        {/* Errors of one-click steps show here; a form shows its own next to its fields. */}
        {error && !showForm && (
          <Alert color="red" py="xs" data-testid="ticket-action-error">
            {describeApiError(t, error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
