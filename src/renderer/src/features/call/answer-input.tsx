import { Button, Group, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Locale } from '../../../../shared/domain/model';
import { localize } from '../../../../shared/scripts/script-interpreter';
import type { Question } from '../../../../shared/scripts/script-schema';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  locale: Locale;
  onAnswer(value: AnswerValue): void;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The input for one question, by its type; every choice also has a number key (shown on the button). */
export function AnswerInput({ question, value, locale, onAnswer }: Props) {
  const { t } = useTranslation();
  const choice = (testId: string, label: string, key: string, answer: AnswerValue) => (
    <Button
      key={testId}
      data-testid={testId}
      variant={value === answer ? 'filled' : 'default'}
      aria-pressed={value === answer}
      onClick={() => onAnswer(answer)}
      leftSection={<span aria-hidden>{key}</span>}
    >
      {label}
    </Button>
  );
  switch (question.type) {
    case 'yesno':
      return (
        <Group gap="xs">
          {choice('answer-yes', t('yes'), '1', true)}
          {choice('answer-no', t('no'), '2', false)}
        </Group>
      );
    case 'choice':
      return (
        <Group gap="xs">
          {question.options?.map((option, index) =>
            choice(`answer-option-${option.value}`, localize(option.label, locale), String(index + 1), option.value),
          )}
        </Group>
      );
    case 'score':
    case 'nps': {
      const [from, prefix] = question.type === 'score' ? [1, 'answer-score'] : [0, 'answer-nps'];
      return (
        <Group gap={4}>
          {range(from, 10).map((n) => (
            <Button
              key={n}
              data-testid={`${prefix}-${n}`}
              variant={value === n ? 'filled' : 'default'}
              aria-pressed={value === n}
              px="sm"
              onClick={() => onAnswer(n)}
            >
              {n}
            </Button>
          ))}
        </Group>
      );
    }
    case 'text':
      return (
        <Textarea
          data-testid="answer-text"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={4000}
          autoFocus
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onAnswer(event.currentTarget.value)}
          aria-label={t('call:answerText')}
        />
      );
  }
}
