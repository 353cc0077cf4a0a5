import { Alert, Badge, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';
import { TIER_COLORS } from '../queue/enum-colors';
import { describeApiError } from '../shell/api-error';

type Found = ApiOutput<'customer.search'>['rows'][number];

/** Who an inbound request is for: any customer of the centre, by name or the phone's last digits. */
export function CustomerPicker(props: { onPick(customer: Found): void }): JSX.Element {
  const { t } = useTranslation(['tickets', 'common']);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [found, setFound] = useState<{ query: string; rows: Found[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const loading = debounced !== '' && found?.query !== debounced && !error;

  useEffect(() => {
    if (!debounced) return;
    let alive = true;
    void api
      .call('customer.search', { query: debounced.slice(0, 50), limit: 20 })
      .then((result) => {
        if (!alive) return;
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setError(null);
        setFound({ query: debounced, rows: result.value.rows });
      });
    return () => {
      alive = false;
    };
  }, [debounced]);

  const rows = debounced && found?.query === debounced ? found.rows : [];

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const list = document.querySelectorAll<HTMLElement>('[data-testid="customer-option"]');
    const index = [...list].indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown') list[Math.min(list.length - 1, index + 1)]?.focus();
    else if (event.key === 'ArrowUp') (index <= 0 ? document.getElementById('customer-search') : list[index - 1])?.focus();
    else if (event.key === 'Enter' && index < 0 && rows[0]) props.onPick(rows[0]);
    else return;
    event.preventDefault();
  };

  return (
    <Stack gap="sm" data-testid="customer-picker" onKeyDown={onKeyDown}>
      <TextInput
        id="customer-search"
        label={t('form.pickCustomer')}
        description={t('form.pickCustomerHint')}
        placeholder={t('form.pickCustomerPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        rightSection={loading ? <Loader size="xs" /> : null}
        data-autofocus
        data-testid="customer-search"
      />
      {error && (
        <Alert color="red" data-testid="customer-search-error">
          {describeApiError(t, error)}
        </Alert>
      )}
      {debounced && !loading && rows.length === 0 && !error && (
        <Text size="sm" c="dimmed" data-testid="customer-none">
          {t('form.noCustomerFound')}
        </Text>
      )}
      <Stack gap={2}>
        {rows.map((row) => (
          <UnstyledButton
            key={row.customerId}
            onClick={() => props.onPick(row)}
            data-testid="customer-option"
            p={6}
            style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" fw={600}>
                {row.customerName}
              </Text>
              <Badge size="xs" variant="light" color={TIER_COLORS[row.tier]}>
                {t(`common:tier.${row.tier}`)}
              </Badge>
              <Text size="xs" ff="monospace" c="dimmed">
                {row.phoneMasked}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {row.product ?? ''}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Stack>
  );
}
