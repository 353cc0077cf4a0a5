import { Button, Card, Center, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../shell/api-error';
import { useSession } from './session-store';

type FieldErrors = Partial<Record<'agentName' | 'employeeNo', string>>;

/** First run on this computer: a demo workspace for training, or an empty one for real work. */
export function Onboarding(): JSX.Element {
  const { t } = useTranslation(['session', 'common']);
  const createDemo = useSession((s) => s.createDemo);
  const createEmpty = useSession((s) => s.createEmpty);
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const [agentName, setAgentName] = useState('');
  const [employeeNo, setEmployeeNo] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onDemo = async (): Promise<void> => {
    setBusy('demo');
    setFormError(null);
    const result = await createDemo();
    setBusy(null);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('onboarding.demoCreated', result.value) });
    } else {
      setFormError(describeApiError(t, result.error));
    }
  };

  const onEmpty = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // Check the obvious locally so the agent sees it in their language, not the core's.
    const local: FieldErrors = {};
    if (!agentName.trim()) local.agentName = t('onboarding.required');
    if (!employeeNo.trim()) local.employeeNo = t('onboarding.required');
    setFieldErrors(local);
    setFormError(null);
    if (local.agentName || local.employeeNo) return;
    setBusy('empty');
    const result = await createEmpty(agentName.trim(), employeeNo.trim());
    setBusy(null);
    if (result.ok) return;
    const fields = result.error.fields ?? {};
    const perField: FieldErrors = { agentName: fields.agentName, employeeNo: fields.employeeNo };
    setFieldErrors(perField);
    if (!perField.agentName && !perField.employeeNo) setFormError(describeApiError(t, result.error));
  };

  return (
    <Center mih="100dvh" p="md">
      <Card withBorder shadow="sm" padding="lg" radius="md" w={480} data-testid="onboarding">
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              {t('onboarding.title')}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('onboarding.intro')}
            </Text>
          </div>

          <Stack gap={6}>
            <Text fw={600} size="sm">
              {t('onboarding.demoTitle')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('onboarding.demoText')}
            </Text>
            <Button size="sm" onClick={() => void onDemo()} loading={busy === 'demo'} disabled={busy !== null} data-testid="create-demo" data-autofocus>
              {t('onboarding.createDemo')}
            </Button>
          </Stack>

          <Divider label={t('onboarding.or')} labelPosition="center" />

          <form onSubmit={(event) => void onEmpty(event)} noValidate>
            <Stack gap="sm">
              <div>
                <Text fw={600} size="sm">
                  {t('onboarding.emptyTitle')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('onboarding.emptyText')}
                </Text>
              </div>
              <TextInput
                size="sm"
                label={t('onboarding.agentName')}
                placeholder={t('onboarding.agentNamePlaceholder')}
                value={agentName}
                onChange={(event) => setAgentName(event.currentTarget.value)}
                error={fieldErrors.agentName}
                maxLength={200}
                withAsterisk
                data-testid="agent-name"
              />
              <TextInput
                size="sm"
                label={t('onboarding.employeeNo')}
                placeholder={t('onboarding.employeeNoPlaceholder')}
                value={employeeNo}
                onChange={(event) => setEmployeeNo(event.currentTarget.value)}
                error={fieldErrors.employeeNo}
                maxLength={200}
                withAsterisk
                data-testid="employee-no"
              />
              {formError && (
                <Text size="sm" c="red" role="alert" data-testid="onboarding-error">
                  {formError}
                </Text>
              )}
              <Group justify="flex-end">
                <Button type="submit" size="sm" variant="default" loading={busy === 'empty'} disabled={busy !== null} data-testid="create-empty">
                  {t('onboarding.startEmpty')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Card>
    </Center>
  );
}
