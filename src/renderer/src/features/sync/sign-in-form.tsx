import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/api/sync-contract';
import type { SignInFailure } from './sync-errors';
import { useSync } from './sync-store';

/**
 * Signing in to a hub. The core checks every field (the address must be http(s)); the form only
 * says, in the agent's language, which one it refused, and changes nothing until the core says yes.
 */
export function SignInForm(props: { status: SyncStatus }): JSX.Element {
  const { t } = useTranslation(['sync', 'common']);
  const { status } = props;
  const busy = useSync((s) => s.busy === 'signIn');
  const [hubUrl, setHubUrl] = useState(status.hubUrl ?? '');
  const [username, setUsername] = useState(status.user?.username ?? '');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const wrong = (field: string): boolean => failure?.kind === 'field' && failure.field === field;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // Enter in a field while the first attempt is still out would only start a second one.
    if (useSync.getState().busy) return;
    setFailure(null);
    const result = await useSync.getState().signIn({ hubUrl, username, password });
    if (result) {
      setFailure(result);
      return;
    }
    setPassword('');
    notifications.show({ color: 'teal', message: t('signIn.done') });
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="sync-sign-in-form">
      <Stack gap="sm" maw={480}>
        <Text size="sm" c="dimmed">
          {t(status.state === 'standalone' ? 'signIn.intro' : 'signIn.introSignedOut')}
        </Text>
        <TextInput
          label={t('signIn.hubUrl')}
          placeholder={t('signIn.hubUrlPlaceholder')}
          value={hubUrl}
          onChange={(event) => setHubUrl(event.currentTarget.value)}
          error={wrong('hubUrl')}
          inputMode="url"
          spellCheck={false}
          autoComplete="url"
          data-testid="sync-hub-url"
        />
        <TextInput
          label={t('signIn.username')}
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={wrong('username') || failure?.kind === 'credentials'}
          spellCheck={false}
          autoComplete="username"
          data-testid="sync-username"
        />
        <PasswordInput
          label={t('signIn.password')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={wrong('password') || failure?.kind === 'credentials'}
          autoComplete="current-password"
          data-testid="sync-password"
        />
        <Text size="xs" c="dimmed" data-testid="sync-replace-note">
          {t(status.state === 'standalone' ? 'signIn.replaceNote' : 'signIn.replaceNoteSignedOut')}
        </Text>
        <Group>
          <Button type="submit" loading={busy} data-testid="sync-sign-in">
            {t('signIn.submit')}
          </Button>
        </Group>
        {failure && <SignInError failure={failure} />}
      </Stack>
    </form>
  );
}

function SignInError(props: { failure: SignInFailure }): JSX.Element {
  const { t } = useTranslation(['sync', 'common']);
  const { failure } = props;
  const message =
    failure.kind === 'field'
      ? t(`signIn.error.${failure.field}`)
      : failure.kind === 'core_down'
        ? t('common:error.unreachable')
        : t(`signIn.error.${failure.kind}`);
  // The core's own words name what ours cannot: the address tried, the previous user, the cause.
  const detail = failure.kind === 'unreachable' || failure.kind === 'previous_user' || failure.kind === 'other' ? failure.error.message : null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid="sync-error" data-kind={failure.kind}>
      <Text size="sm">{message}</Text>
      {detail && (
        <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-word' }}>
          {detail}
        </Text>
      )}
    </Alert>
  );
}
