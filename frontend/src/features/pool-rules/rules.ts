import type { PoolRules, UpdatePoolRules } from "../../api/types";

/** The limits that a blank input turns off (null in the API). */
export const LIMIT_FIELDS = [
  "return_after_days_without_follow_up",
  "return_after_days_without_deal",
  "max_customers_per_owner",
  "reclaim_cooldown_days",
] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** The form keeps a blank limit as undefined or null; the API wants null. */
export type PoolRulesFormValues = { enabled: boolean; exempt_won: boolean } & { [K in LimitField]?: number | null };

export function formValues(rules: PoolRules): PoolRulesFormValues {
  return {
    enabled: rules.enabled,
    exempt_won: rules.exempt_won,
    return_after_days_without_follow_up: rules.return_after_days_without_follow_up ?? null,
    return_after_days_without_deal: rules.return_after_days_without_deal ?? null,
    max_customers_per_owner: rules.max_customers_per_owner ?? null,
    reclaim_cooldown_days: rules.reclaim_cooldown_days ?? null,
  };
}

function limit(value: number | null | undefined): number | null {
  return value === undefined || value === null || Number.isNaN(value) ? null : value;
}

export function rulesBody(values: PoolRulesFormValues): UpdatePoolRules {
  return {
    enabled: values.enabled,
    exempt_won: values.exempt_won,
    return_after_days_without_follow_up: limit(values.return_after_days_without_follow_up),
    return_after_days_without_deal: limit(values.return_after_days_without_deal),
    max_customers_per_owner: limit(values.max_customers_per_owner),
    reclaim_cooldown_days: limit(values.reclaim_cooldown_days),
  };
}
