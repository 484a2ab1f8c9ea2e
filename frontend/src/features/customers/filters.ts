import type { Dayjs } from "dayjs";
import type { CustomerFilters } from "./api";
import type { PoolTab } from "./pools";
import { quickFilterParams, type QuickFilters } from "./quickFilters";

export type CustomerSearchValues = {
  q?: string;
  industry?: string;
  level?: string;
  source?: string;
  /** A region (GB/T 2260 code): customers in it or inside it. */
  region_code?: string;
  /** Region names, from links and views made before codes. */
  province?: string;
  city?: string;
  created?: [Dayjs | null, Dayjs | null] | null;
  /** Groups: customers in any of them. */
  group_id?: string[];
  /** A manager's team filters: one owner, one department (with the departments below it). */
  owner_id?: string;
  department_id?: string;
};

/** What the list's filters need besides the form: who "mine" is, and when and where "today" is. */
export type FilterContext = {
  /** The signed-in user's id, for the "mine" tab. */
  me?: string;
  quick?: QuickFilters;
  now?: Date;
  /** IANA zone the quick filters' "today" is taken in. */
  zone?: string;
};

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The search form, tab and quick filters as list parameters: blanks dropped, dates as whole days in
 * RFC 3339. The "mine" tab is the user as owner, whoever the owner filter names.
 */
export function customerFilters(values: CustomerSearchValues, tab: PoolTab, context: FilterContext = {}): CustomerFilters {
  const [start, end] = values.created ?? [null, null];
  const quick = context.quick ? quickFilterParams(context.quick, context.now ?? new Date(), context.zone ?? "UTC") : {};
  return {
    q: text(values.q),
    pool: tab === "all" || tab === "mine" ? undefined : tab,
    industry: values.industry || undefined,
    level: values.level || undefined,
    source: values.source || undefined,
    region_code: text(values.region_code),
    province: text(values.province),
    city: text(values.city),
    created_at_from: start ? start.startOf("day").toISOString() : undefined,
    created_at_to: end ? end.endOf("day").toISOString() : undefined,
    // The API takes several groups comma-separated.
    group_id: values.group_id && values.group_id.length > 0 ? values.group_id.join(",") : undefined,
    ...(tab === "mine" ? { owner_id: context.me } : values.owner_id ? { owner_id: values.owner_id } : {}),
    ...(values.department_id ? { department_id: values.department_id } : {}),
    ...Object.fromEntries(Object.entries(quick).filter(([, v]) => v !== undefined)),
  };
}
