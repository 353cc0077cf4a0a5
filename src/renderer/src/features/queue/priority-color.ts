/** Priority 1 is the most urgent (see model.ts); the colour ramp runs from red to grey. */
const PRIORITY_COLORS = ['red', 'orange', 'yellow', 'blue', 'gray'] as const;

export function priorityColor(priority: number): string {
  const index = Math.min(Math.max(priority, 1), PRIORITY_COLORS.length) - 1;
  return `var(--mantine-color-${PRIORITY_COLORS[index]}-6)`;
}
