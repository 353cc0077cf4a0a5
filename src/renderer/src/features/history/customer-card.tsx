import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { JSX, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../../shared/domain/model';
import { TIER_COLORS } from '../queue/enum-colors';

function minutesToClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function Field(props: { label: string; children: ReactNode }): JSX.Element {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </div>
  );
}

export function CustomerCard(props: { customer: CustomerView }): JSX.Element {
  const { t } = useTranslation(['history', 'common']);
  const c = props.customer;
  return (
    <Card withBorder padding="md" radius="md" data-testid="history-customer">
      <Stack gap="sm">
        <Group gap="sm" align="baseline">
          <Title order={2} size="h4">
            {c.name}
          </Title>
          <Badge variant="light" color={TIER_COLORS[c.tier]}>
            {t(`common:tier.${c.tier}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('customerNo', { no: c.customerNo })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Field label={t('phone')}>
            <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{c.phoneMasked}</span>
          </Field>
          <Field label={t('city')}>{c.city}</Field>
          <Field label={t('contactWindow')}>
            {c.contactWindow ? `${minutesToClock(c.contactWindow.start)}–${minutesToClock(c.contactWindow.end)}` : t('call.none')}
          </Field>
          <Field label={t('tags')}>
            {c.tags.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('noTags')}
              </Text>
            ) : (
              <Group gap={4}>
                {c.tags.map((tag) => (
                  <Badge key={tag} size="sm" variant="outline" color="gray">
                    {tag}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
