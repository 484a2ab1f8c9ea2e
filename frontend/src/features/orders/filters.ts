import { blank, dayRange, knownStatus, queryDay, rangeDays, type DayRange } from "../quotes/filters";

export const ORDER_FILTERS = ["q", "status", "customer_id", "owner_id", "order_from", "order_to"] as const;
export type OrderFilterName = (typeof ORDER_FILTERS)[number];
export type OrderUrlFilters = Partial<Record<OrderFilterName, string>>;
export type OrderSearchValues = { q?: string; customer_id?: string; owner_id?: string; ordered?: DayRange };

export function orderFormValues(filters: OrderUrlFilters): OrderSearchValues {
  const ordered = dayRange(filters.order_from, filters.order_to);
  return { q: filters.q, customer_id: filters.customer_id, owner_id: filters.owner_id, ...(ordered ? { ordered } : {}) };
}

export function orderUrlFilters(values: OrderSearchValues): Partial<Record<OrderFilterName, string | undefined>> {
  const [order_from, order_to] = rangeDays(values.ordered);
  return { q: blank(values.q), customer_id: blank(values.customer_id), owner_id: blank(values.owner_id), order_from, order_to };
}

export function orderQuery(filters: OrderUrlFilters, statuses: readonly string[]) {
  return {
    q: blank(filters.q),
    status: knownStatus(filters.status, statuses),
    customer_id: blank(filters.customer_id),
    owner_id: blank(filters.owner_id),
    order_date_from: queryDay(filters.order_from),
    order_date_to: queryDay(filters.order_to),
  };
}
