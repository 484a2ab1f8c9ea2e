import dayjs, { type Dayjs } from "dayjs";
import type { OpportunityQuery } from "./api";

/** The URL parameters the opportunity list reads as filters; the days are `YYYY-MM-DD`. */
export const OPPORTUNITY_FILTERS = ["q", "stage_id", "status", "owner_id", "expired", "close_from", "close_to"] as const;
export type OpportunityFilterName = (typeof OPPORTUNITY_FILTERS)[number];
export type OpportunityUrlFilters = Partial<Record<OpportunityFilterName, string>>;

export const STATUSES = ["open", "won", "lost"] as const;
export const DEFAULT_SORT = "-updated_at";

/** The search form as typed. */
export type OpportunitySearchValues = {
  q?: string;
  stage_id?: string;
  status?: string;
  owner_id?: string;
  expired?: string;
  close?: [Dayjs | null, Dayjs | null] | null;
};

const DAY = "YYYY-MM-DD";

function day(value: string | undefined): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const parsed = dayjs(value, DAY);
  return parsed.isValid() ? parsed : null;
}

/** The URL's filters as the search form shows them. */
export function formValues(filters: OpportunityUrlFilters): OpportunitySearchValues {
  const from = day(filters.close_from);
  const to = day(filters.close_to);
  const { close_from: _f, close_to: _t, ...rest } = filters;
  return { ...rest, ...(from || to ? { close: [from, to] } : {}) };
}

/** The search form as the URL keeps it; a blank field clears its parameter. */
export function urlFilters(values: OpportunitySearchValues): Record<OpportunityFilterName, string | undefined> {
  const [start, end] = values.close ?? [null, null];
  const blank = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);
  return {
    q: blank(values.q),
    stage_id: blank(values.stage_id),
    status: blank(values.status),
    owner_id: blank(values.owner_id),
    expired: blank(values.expired),
    close_from: start ? start.format(DAY) : undefined,
    close_to: end ? end.format(DAY) : undefined,
  };
}

/** The URL's filters as the API's query (unknown values dropped: the API would refuse the request). */
export function opportunityQuery(filters: OpportunityUrlFilters): OpportunityQuery {
  const status = (STATUSES as readonly string[]).includes(filters.status ?? "") ? filters.status : undefined;
  const expired = filters.expired === "true" ? true : filters.expired === "false" ? false : undefined;
  const from = day(filters.close_from);
  const to = day(filters.close_to);
  return {
    q: filters.q?.trim() || undefined,
    stage_id: filters.stage_id || undefined,
    status,
    owner_id: filters.owner_id || undefined,
    expired,
    expected_close_date_from: from ? from.format(DAY) : undefined,
    expected_close_date_to: to ? to.format(DAY) : undefined,
  };
}
