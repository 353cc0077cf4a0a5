// Real rules and calendars for the planning tests: the shipped default rules and the committed
// mainland calendar, loaded through their parsers as the app loads them. No mocks.
import { join } from 'node:path';
import type { CustomerTier } from '../../../src/shared/domain/model';
import type { PlanCustomer, PlanInput, PlanPurchase } from '../../../src/shared/planning/planner';
import { parsePlanningRules, type PlanningRules } from '../../../src/shared/planning/planning-rules';
import { cnMainland, local, readJson, RESOURCES, wall } from '../calendar/calendars';

export const rawDefaultRules = (): Record<string, unknown> => readJson(join(RESOURCES, 'planning', 'default-rules.json')) as Record<string, unknown>;
export const defaultRules = (): PlanningRules => parsePlanningRules(rawDefaultRules());

export const cn = cnMainland();
export const SHANGHAI = 'Asia/Shanghai';
export const URUMQI = 'Asia/Urumqi';
export const BERLIN = 'Europe/Berlin';

/** Rules with only the named plans switched on, so a test sees just the tasks it is about. */
export function only(...plans: ('routine' | 'newCustomer' | 'postResolution' | 'keyCustomerPlan' | 'satisfaction')[]): PlanningRules {
  const rules = defaultRules();
  for (const plan of ['routine', 'newCustomer', 'postResolution', 'keyCustomerPlan', 'satisfaction'] as const) rules[plan].enabled = plans.includes(plan);
  return rules;
}

export function customer(id: string, over: Partial<PlanCustomer> = {}): PlanCustomer {
  return { id, tier: 'regular' as CustomerTier, timeZone: SHANGHAI, tags: [], city: '上海', ...over };
}

export function purchase(id: string, customerId: string, deliveryDate: string | null, over: Partial<PlanPurchase> = {}): PlanPurchase {
  return { id, customerId, productLine: 'washer', model: 'W-100', purchaseDate: deliveryDate ?? '2026-01-01', deliveryDate, ...over };
}

export function input(over: Partial<PlanInput> & Pick<PlanInput, 'now'>): PlanInput {
  return { rules: only('routine'), calendar: cn, customers: [], purchases: [], ...over };
}

/** 'yyyy-MM-dd HH:mm:ss' of an instant in a zone, for readable expectations. */
export const at = (zone: string, instant: number): string => wall(zone, instant);
export const sh = (text: string): number => local(SHANGHAI, text);
export { local };
