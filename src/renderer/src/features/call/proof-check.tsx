import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProofResult } from '../../../../shared/domain/purchase-proof';
import { api } from '../../api';

const COLORS: Record<ProofResult, string> = { match: 'teal', no_match: 'red', not_on_file: 'gray' };

/**
 * The identity check's purchase proof: the agent types the order or invoice number the customer
 * reads out and the core answers match / no match. The number is verified, never stored: the
 * field is cleared once checked and the number is kept nowhere in the page either.
 */
export function ProofCheck({ purchaseId }: { purchaseId: string }): JSX.Element {
  const { t } = useTranslation('call');
  const [proof, setProof] = useState('');
  const [result, setResult] = useState<ProofResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const check = async (): Promise<void> => {
    setChecking(true);
    const answer = await api.call('purchase.verifyProof', { purchaseId, proof });
    setChecking(false);
    setProof('');
    if (answer.ok) {
      setResult(answer.value.result);
      setError(null);
    } else {
      setResult(null);
      setError(answer.error.code === 'invalid_input' ? t('proof.tooShort') : answer.error.message);
    }
  };
  return (
    <Stack gap={4} data-testid="proof-check">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          size="xs"
          label={t('proof.label')}
          placeholder={t('proof.placeholder')}
          value={proof}
          autoComplete="off"
          onChange={(event) => setProof(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && proof.trim() !== '') void check();
          }}
          data-testid="proof-input"
        />
        <Button size="compact-sm" variant="default" loading={checking} disabled={proof.trim() === ''} onClick={() => void check()} data-testid="proof-verify">
          {t('proof.verify')}
        </Button>
      </Group>
      {result && (
        <Badge color={COLORS[result]} variant="light" tt="none" data-testid="proof-result" data-result={result}>
          {t(`proof.result.${result}`)}
        </Badge>
      )}
      {error && (
        <Text size="xs" c="red" data-testid="proof-error">
          {error}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('proof.notStored')}
      </Text>
    </Stack>
  );
}
