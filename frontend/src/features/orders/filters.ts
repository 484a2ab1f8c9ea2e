import type { Dayjs } from "dayjs";
import { day } from "../quotes/filters";

const DAY = "YYYY-MM-DD";
const blank = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

export const ORDER_FILTERS = ["q", "status", "customer_id", "owner_id", "order_from", "order_to"] as const;
export type OrderFilterName = (typeof ORDER_FILTERS)[number];
export type OrderUrlFilters = Partial<Record<OrderFilterName, string>>;
export type OrderSearchValues = { q?: string; customer_id?: string; owner_id?: string; ordered?: [Dayjs | null, Dayjs | null] | null };

export function orderFormValues(filters: OrderUrlFilters): OrderSearchValues {
  const from = day(filters.order_from);
  const to = day(filters.order_to);
  return { q: filters.q, customer_id: filters.customer_id, owner_id: filters.owner_id, ...(from || to ? { ordered: [from, to] } : {}) };
}

export function orderUrlFilters(values: OrderSearchValues): Partial<Record<OrderFilterName, string | undefined>> {
  const [start, end] = values.ordered ?? [null, null];
  return {
    q: blank(values.q),
    customer_id: blank(values.customer_id),
    owner_id: blank(values.owner_id),
    order_from: start ? start.format(DAY) : undefined,
    order_to: end ? end.format(DAY) : undefined,
  };
}

export function orderQuery(filters: OrderUrlFilters, statuses: readonly string[]) {
  const from = day(filters.order_from);
  const to = day(filters.order_to);
  return {
    q: blank(filters.q),
    status: statuses.includes(filters.status ?? "") ? filters.status : undefined,
    customer_id: blank(filters.customer_id),
    owner_id: blank(filters.owner_id),
    order_date_from: from ? from.format(DAY) : undefined,
    order_date_to: to ? to.format(DAY) : undefined,
  };
}
