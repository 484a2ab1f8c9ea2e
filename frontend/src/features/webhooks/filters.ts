import type { WebhookQuery } from "./api";

/** The URL parameters the webhooks list reads as filters. */
export const WEBHOOK_FILTERS = ["q", "enabled"] as const;
export type WebhookFilterName = (typeof WEBHOOK_FILTERS)[number];
export type WebhookSearchValues = { q?: string; enabled?: "true" | "false" };

/** The URL's filters as the list's query; an `enabled` other than true or false is no filter. */
export function webhookQuery(filters: Partial<Record<WebhookFilterName, string>>): Pick<WebhookQuery, "q" | "enabled"> {
  const q = filters.q?.trim();
  return {
    ...(q ? { q } : {}),
    ...(filters.enabled === "true" || filters.enabled === "false" ? { enabled: filters.enabled === "true" } : {}),
  };
}

/** The URL's filters as the search form shows them. */
export function webhookFormValues(filters: Partial<Record<WebhookFilterName, string>>): WebhookSearchValues {
  return {
    q: filters.q,
    enabled: filters.enabled === "true" || filters.enabled === "false" ? filters.enabled : undefined,
  };
}
