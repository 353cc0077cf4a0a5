import { Stack, Text, Title } from '@mantine/core';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalRejection } from '../../../../shared/api/sync-contract';
import { RejectionCard } from './rejection-card';

/**
 * This desktop's edits the hub refused, in the order they were made, so redoing them one by one
 * rebuilds the same story. Each stays until the agent says it is handled.
 */
export function RejectionList(props: { rejections: LocalRejection[]; testId: string }): JSX.Element {
  const { t } = useTranslation('sync');
  const rejections = [...props.rejections].sort((a, b) => a.seq - b.seq);
  return (
    <Stack gap="sm" data-testid={props.testId} data-count={rejections.length}>
      <Title order={3} size="h6">
        {t('rejections.title')}
      </Title>
      {rejections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rejections.empty')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('rejections.intro')}
          </Text>
          {rejections.map((rejection) => (
            <RejectionCard key={rejection.mutationId} rejection={rejection} />
          ))}
        </>
      )}
    </Stack>
  );
}
