import { Alert, Button, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { ApiError } from '../../../../shared/api/result';
import { SYMPTOM_MAX_CHARS, type SeverityOption } from '../../../../shared/api/ticket-contract';
import type { Purchase } from '../../../../shared/domain/model';
import {
  CATEGORIES,
  CHANNELS,
  DEMANDS,
  SCENARIOS,
  TICKET_KINDS,
  WARRANTY_STATUSES,
  type Category,
  type Channel,
  type Demand,
  type Scenario,
  type Ticket,
  type TicketKind,
  type WarrantyStatus,
} from '../../../../shared/tickets/ticket-model';
import { api } from '../../api';
import { useSession } from '../session/session-store';
import { describeApiError } from '../shell/api-error';
import { formatDuration } from '../shell/format-duration';
import { useTicketOptions } from './use-ticket-options';

/** What the form starts from: the customer (and what is known of the contact) it is for. */
export interface TicketFormSeed {
  customer: { id: string; name: string };
  purchases: Purchase[];
  purchaseId: string | null;
  /** The call this issue came up in, when one is under way. */
  callId: string | null;
  channel: Channel;
  symptom: string;
}

interface Fields {
  kind: TicketKind;
  channel: Channel;
  scenario: Scenario;
  category: Category;
  demand: Demand;
  /** null until the agent picks one: the policy's default shows meanwhile. */
  severity: string | null;
  symptom: string;
  purchaseId: string | null;
  warranty: WarrantyStatus | 'auto';
  /** undefined until picked: the signed-in agent by default. */
  ownerAgentId: string | null | undefined;
  department: string;
  /** When it was received, as the browser's datetime-local text; empty: now (seed 002: registered within 1 h). */
  receivedAt: string;
}

/** Sensible starting answers per kind; applied only to fields the agent has not touched yet. */
const KIND_DEFAULTS: Record<TicketKind, Pick<Fields, 'scenario' | 'category' | 'demand'>> = {
  complaint: { scenario: 'service_complaint', category: 'service_process', demand: 'apology' },
  service_request: { scenario: 'fault_repair', category: 'quality_fault', demand: 'repair' },
};

/** Fields the core may name in a validation error, and the form field that shows it. */
const FIELD_OF: Record<string, keyof Fields> = {
  kind: 'kind',
  channel: 'channel',
  scenario: 'scenario',
  category: 'category',
  demand: 'demand',
  severity: 'severity',
  symptom: 'symptom',
  purchaseId: 'purchaseId',
  warrantyStatus: 'warranty',
  ownerAgentId: 'ownerAgentId',
  department: 'department',
  receivedAt: 'receivedAt',
};

function targetsText(t: TFunction, severity: SeverityOption | undefined): string {
  if (!severity) return '';
  // Each target says its own clock: the seeds' hours are calendar hours, working days are working days.
  const span = (target: SeverityOption['response']): string => {
    if (!target) return t('tickets:form.noTarget');
    const duration = target.workingDays !== null ? t('tickets:form.workingDays', { days: target.workingDays }) : formatDuration(t, (target.minutes ?? 0) * 60_000, true);
    return t('tickets:form.span', { duration, clock: t(`tickets:sla.clock.${target.clock}`) });
  };
  return t('tickets:form.targets', {
    response: span(severity.response),
    resolution: span(severity.resolution) + (severity.resolutionFromGoal ? t('tickets:form.goal') : ''),
  });
}

/** Registering an issue (工单): every field of DOMAIN.md's unified ticket, defaults filled in. */
export function TicketForm(props: { seed: TicketFormSeed; onCreated(ticket: Ticket): void; onCancel(): void }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const { seed } = props;
  const me = useSession((s) => s.session?.agent ?? null);
  const options = useTicketOptions();
  // One id per form: a retry after a lost answer cannot register the same issue twice.
  const [ticketId] = useState(() => uuidv7());
  const [fields, setFields] = useState<Fields>(() => ({
    kind: 'service_request',
    channel: seed.channel,
    ...KIND_DEFAULTS.service_request,
    severity: null,
    symptom: seed.symptom,
    purchaseId: seed.purchaseId,
    warranty: 'auto',
    ownerAgentId: undefined,
    department: '',
    receivedAt: '',
  }));
  const [touched, setTouched] = useState<Set<keyof Fields>>(() => new Set());
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const severityKey = fields.severity ?? options?.defaultSeverity ?? '';
  const severity = options?.severities.find((s) => s.key === severityKey);
  const ownerId = fields.ownerAgentId === undefined ? (me?.id ?? null) : fields.ownerAgentId;

  const set = <K extends keyof Fields>(key: K, value: Fields[K]): void => {
    setTouched((prev) => new Set(prev).add(key));
    setErrors((prev) => ({ ...prev, [key]: undefined }));
    setFields((prev) => {
      const next = { ...prev, [key]: value };
      if (key === 'kind') {
        const defaults = KIND_DEFAULTS[value as TicketKind];
        for (const field of ['scenario', 'category', 'demand'] as const) if (!touched.has(field)) next[field] = defaults[field] as never;
      }
      return next;
    });
  };

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (saving) return;
    const symptom = fields.symptom.trim();
    if (!symptom) {
      setErrors((prev) => ({ ...prev, symptom: t('form.symptomRequired') }));
      return;
    }
    if (!severityKey) return;
    setSaving(true);
    setError(null);
    const result = await api.call('ticket.create', {
      ticketId,
      kind: fields.kind,
      customerId: seed.customer.id,
      purchaseId: fields.purchaseId,
      callId: seed.callId,
      channel: fields.channel,
      scenario: fields.scenario,
      category: fields.category,
      demand: fields.demand,
      severity: severityKey,
      symptom,
      ...(fields.warranty === 'auto' ? {} : { warrantyStatus: fields.warranty }),
      ownerAgentId: ownerId,
      department: fields.department.trim(),
      ...(fields.receivedAt ? { receivedAt: new Date(fields.receivedAt).getTime() } : {}),
    });
    if (result.ok) {
      props.onCreated(result.value);
      return;
    }
    // An earlier attempt did register it and only its answer was lost: carry on with that issue.
    if (result.error.code === 'conflict' && result.error.message.includes(ticketId)) {
      const existing = await api.call('ticket.get', { ticketId });
      if (existing.ok) {
        props.onCreated(existing.value.ticket);
        return;
      }
    }
    setSaving(false);
    setError(result.error);
    const byField: Partial<Record<keyof Fields, string>> = {};
    for (const [path, message] of Object.entries(result.error.fields ?? {})) {
      const field = FIELD_OF[path.split('.')[0] ?? ''];
      // Reason codes the core gives for the time received are translated; other messages show as given.
      if (field) byField[field] = message === 'received_in_future' || message === 'received_after_registration' ? t('form.receivedInFuture') : message;
    }
    setErrors(byField);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void submit();
    }
  };

  const enumData = (values: readonly string[], prefix: string) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const purchaseLabel = (p: Purchase): string => `${p.productLine} ${p.model} · ${p.serialNo}`;

  return (
    <form onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} data-testid="ticket-form" noValidate>
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Text size="sm">
            {t('form.customerIs')}
            <b data-testid="ticket-form-customer">{seed.customer.name}</b>
          </Text>
          {seed.callId && (
            <Text size="xs" c="dimmed" data-testid="ticket-form-call">
              {t('form.fromCall')}
            </Text>
          )}
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="ticket-form-kind-label">
            {t('form.kind')}
          </Text>
          <SegmentedControl
            value={fields.kind}
            onChange={(value) => set('kind', value as TicketKind)}
            data={enumData(TICKET_KINDS, 'kind')}
            aria-labelledby="ticket-form-kind-label"
            data-testid="ticket-form-kind"
            w="fit-content"
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <NativeSelect label={t('form.channel')} value={fields.channel} onChange={(e) => set('channel', e.currentTarget.value as Channel)}
            data={enumData(CHANNELS, 'channel')} error={errors.channel} data-testid="ticket-form-channel" />
          <NativeSelect label={t('form.scenario')} value={fields.scenario} onChange={(e) => set('scenario', e.currentTarget.value as Scenario)}
            data={enumData(SCENARIOS, 'scenario')} error={errors.scenario} data-testid="ticket-form-scenario" />
          <NativeSelect label={t('form.category')} value={fields.category} onChange={(e) => set('category', e.currentTarget.value as Category)}
            data={enumData(CATEGORIES, 'category')} error={errors.category} data-testid="ticket-form-category" />
          <NativeSelect label={t('form.demand')} value={fields.demand} onChange={(e) => set('demand', e.currentTarget.value as Demand)}
            data={enumData(DEMANDS, 'demand')} error={errors.demand} data-testid="ticket-form-demand" />
        </SimpleGrid>
        <NativeSelect
          label={t('form.severity')}
          value={severityKey}
          onChange={(e) => set('severity', e.currentTarget.value)}
          data={options ? options.severities.map((s) => ({ value: s.key, label: s.label })) : [{ value: '', label: t('common:loading') }]}
          disabled={!options}
          description={<span data-testid="ticket-form-severity-targets">{targetsText(t, severity)}</span>}
          error={errors.severity}
          data-testid="ticket-form-severity"
        />
        <Textarea
          label={t('form.symptom')}
          description={t('form.symptomHint')}
          value={fields.symptom}
          onChange={(e) => set('symptom', e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={SYMPTOM_MAX_CHARS}
          error={errors.symptom}
          withAsterisk
          data-autofocus
          data-testid="ticket-form-symptom"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <NativeSelect
            label={t('form.product')}
            value={fields.purchaseId ?? ''}
            onChange={(e) => set('purchaseId', e.currentTarget.value || null)}
            data={[{ value: '', label: t('form.noProduct') }, ...seed.purchases.map((p) => ({ value: p.id, label: purchaseLabel(p) }))]}
            error={errors.purchaseId}
            data-testid="ticket-form-product"
          />
          <NativeSelect
            label={t('form.warranty')}
            value={fields.warranty}
            onChange={(e) => set('warranty', e.currentTarget.value as Fields['warranty'])}
            data={[{ value: 'auto', label: t('form.warrantyAuto') }, ...enumData(WARRANTY_STATUSES, 'warranty')]}
            error={errors.warranty}
            data-testid="ticket-form-warranty"
          />
          <NativeSelect
            label={t('form.owner')}
            value={ownerId ?? ''}
            onChange={(e) => set('ownerAgentId', e.currentTarget.value || null)}
            data={[
              { value: '', label: t('noOwner') },
              ...(options?.owners ?? (me ? [me] : [])).map((a) => ({ value: a.id, label: a.id === me?.id ? t('form.me', { name: a.name }) : a.name })),
            ]}
            error={errors.ownerAgentId}
            data-testid="ticket-form-owner"
          />
          <TextInput
            label={t('form.department')}
            placeholder={t('form.departmentPlaceholder')}
            value={fields.department}
            onChange={(e) => set('department', e.currentTarget.value)}
            maxLength={100}
            error={errors.department}
            data-testid="ticket-form-department"
          />
          <TextInput
            type="datetime-local"
            label={t('form.receivedAt')}
            description={t('form.receivedAtHint')}
            value={fields.receivedAt}
            onChange={(e) => set('receivedAt', e.currentTarget.value)}
            error={errors.receivedAt}
            data-testid="ticket-form-received-at"
          />
        </SimpleGrid>
        {error && (
          <Alert color="red" title={t('form.failed')} data-testid="ticket-form-error">
            {describeApiError(t, error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Text size="xs" c="dimmed">
            {t('form.submitHint')}
          </Text>
          <Button variant="default" onClick={props.onCancel} data-testid="ticket-form-cancel">
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={saving} disabled={!severityKey} data-testid="ticket-form-submit">
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
