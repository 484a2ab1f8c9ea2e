import type { Dayjs } from "dayjs";
import type { CustomerFilters } from "./api";
import type { PoolTab } from "./pools";

export type CustomerSearchValues = {
  q?: string;
  industry?: string;
  level?: string;
  source?: string;
  province?: string;
  city?: string;
  created?: [Dayjs | null, Dayjs | null] | null;
  /** Groups: customers in any of them. */
  group_id?: string[];
};

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The search form and pool tab as list parameters: blanks dropped, dates as whole days in RFC 3339. */
export function customerFilters(values: CustomerSearchValues, tab: PoolTab): CustomerFilters {
  const [start, end] = values.created ?? [null, null];
  return {
    q: text(values.q),
    pool: tab === "all" ? undefined : tab,
    industry: values.industry || undefined,
    level: values.level || undefined,
    source: values.source || undefined,
    province: text(values.province),
    city: text(values.city),
    created_at_from: start ? start.startOf("day").toISOString() : undefined,
    created_at_to: end ? end.endOf("day").toISOString() : undefined,
    // The API takes several groups comma-separated.
    group_id: values.group_id && values.group_id.length > 0 ? values.group_id.join(",") : undefined,
  };
}
