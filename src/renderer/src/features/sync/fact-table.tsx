import { Table } from '@mantine/core';
import type { JSX, ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Label beside value, for the few facts about the connection; read top to bottom like a form. */
export function FactTable(props: { facts: Fact[] }): JSX.Element {
  return (
    <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs" withRowBorders={false}>
      <Table.Tbody>
        {props.facts.map((fact) => (
          <Table.Tr key={fact.label}>
            <Table.Th w={120} fw={500} c="dimmed" style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
              {fact.label}
            </Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }} data-testid={fact.testId}>
              {fact.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
