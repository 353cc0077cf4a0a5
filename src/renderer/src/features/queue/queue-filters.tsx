import { Button, Group, Kbd, MultiSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type JSX, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_TYPES, CUSTOMER_TIERS, TASK_STATUSES, type CallbackType, type CustomerTier, type TaskStatus } from '../../../../shared/domain/model';
import { useQueue } from './queue-store';

const SEARCH_DEBOUNCE_MS = 250;

/** Narrow the enum arrays MultiSelect hands back as plain strings. */
function only<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

export function QueueFilters({ searchRef, onLeaveSearch }: { searchRef: RefObject<HTMLInputElement | null>; onLeaveSearch(selectFirst: boolean): void }): JSX.Element {
  const { t } = useTranslation(['queue', 'common']);
  const filter = useQueue((s) => s.filter);
  const setFilter = useQueue((s) => s.setFilter);
  const clearFilter = useQueue((s) => s.clearFilter);
  const [search, setSearch] = useState(filter.search);
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    if (debounced !== useQueue.getState().filter.search) setFilter({ search: debounced });
  }, [debounced, setFilter]);

  const hasFilter = filter.types.length + filter.tiers.length + filter.statuses.length > 0 || filter.search !== '';

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    // From the search box straight into the results, without reaching for the mouse. Escape
    // leaves the field like everywhere else in the app (the text stays; "Clear" empties it).
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === 'Escape') {
      event.preventDefault();
      if (search !== useQueue.getState().filter.search) setFilter({ search });
      onLeaveSearch(event.key === 'ArrowDown');
    }
  };

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        ref={searchRef}
        size="sm"
        w={300}
        aria-label={t('filter.search')}
        placeholder={t('filter.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        onKeyDown={onSearchKey}
        rightSection={<Kbd size="xs">/</Kbd>}
        maxLength={200}
        data-testid="queue-search"
      />
      <MultiSelect
        size="sm"
        w={220}
        aria-label={t('filter.types')}
        placeholder={filter.types.length ? undefined : t('filter.types')}
        data={CALLBACK_TYPES.map((v) => ({ value: v, label: t(`common:callbackType.${v}`) }))}
        value={filter.types}
        onChange={(values) => setFilter({ types: only<CallbackType>(CALLBACK_TYPES, values) })}
        clearable
        maxValues={CALLBACK_TYPES.length}
        data-testid="filter-types"
      />
      <MultiSelect
        size="sm"
        w={200}
        aria-label={t('filter.tiers')}
        placeholder={filter.tiers.length ? undefined : t('filter.tiers')}
        data={CUSTOMER_TIERS.map((v) => ({ value: v, label: t(`common:tier.${v}`) }))}
        value={filter.tiers}
        onChange={(values) => setFilter({ tiers: only<CustomerTier>(CUSTOMER_TIERS, values) })}
        clearable
        data-testid="filter-tiers"
      />
      <MultiSelect
        size="sm"
        w={220}
        aria-label={t('filter.statuses')}
        // With nothing chosen the queue shows open tasks; the placeholder says so.
        placeholder={filter.statuses.length ? undefined : t('filter.statusesPlaceholder')}
        data={TASK_STATUSES.map((v) => ({ value: v, label: t(`common:status.${v}`) }))}
        value={filter.statuses}
        onChange={(values) => setFilter({ statuses: only<TaskStatus>(TASK_STATUSES, values) })}
        clearable
        data-testid="filter-statuses"
      />
      {hasFilter && (
        <Button
          size="sm"
          variant="subtle"
          onClick={() => {
            setSearch('');
            clearFilter();
          }}
          data-testid="filter-clear"
        >
          {t('filter.clear')}
        </Button>
      )}
    </Group>
  );
}
