import type { CustomerTier, TaskStatus } from '../../../../shared/domain/model';

export const STATUS_COLORS: Record<TaskStatus, string> = {
  pending: 'blue',
  rescheduled: 'violet',
  retry: 'orange',
  completed: 'teal',
  unreachable: 'gray',
  refused: 'red',
  cancelled: 'gray',
};

export const TIER_COLORS: Record<CustomerTier, string> = {
  new: 'cyan',
  regular: 'gray',
  high_value: 'grape',
};
