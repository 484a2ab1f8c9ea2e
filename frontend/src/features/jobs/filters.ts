import dayjs, { type Dayjs } from "dayjs";
import { isJobStatus, type JobStatus } from "./labels";
import type { JobQuery } from "./api";

/** The URL parameters the jobs list reads as filters; the days are `YYYY-MM-DD`, lists comma-separated. */
export const JOB_FILTERS = ["status", "kind", "from", "to"] as const;
export type JobUrlFilters = Partial<Record<(typeof JOB_FILTERS)[number], string>>;

export const JOB_DEFAULT_SORT = "-created_at";

/** The search form as typed. */
export type JobSearchValues = {
  status?: string[];
  kind?: string[];
  created?: [Dayjs | null, Dayjs | null] | null;
};

const DAY = "YYYY-MM-DD";

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function day(value: string | undefined): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  // A bare date is read as the start of that day in the browser's zone.
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** The statuses the URL asks for; unknown ones are dropped (the API would refuse the whole list). */
export function urlStatuses(filters: JobUrlFilters): JobStatus[] {
  return list(filters.status).filter(isJobStatus);
}

/** The URL's filters as the search form shows them. */
export function formValues(filters: JobUrlFilters): JobSearchValues {
  const status = urlStatuses(filters);
  const kind = list(filters.kind);
  const from = day(filters.from);
  const to = day(filters.to);
  const values: JobSearchValues = {
    status: status.length > 0 ? status : undefined,
    kind: kind.length > 0 ? kind : undefined,
    created: from || to ? [from, to] : undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as JobSearchValues;
}

/** The search form as the URL keeps it; a blank field clears its parameter. */
export function urlFilters(values: JobSearchValues): Record<(typeof JOB_FILTERS)[number], string | undefined> {
  const [start, end] = values.created ?? [null, null];
  return {
    status: values.status && values.status.length > 0 ? values.status.join(",") : undefined,
    kind: values.kind && values.kind.length > 0 ? values.kind.join(",") : undefined,
    from: start ? start.format(DAY) : undefined,
    to: end ? end.format(DAY) : undefined,
  };
}

/** The URL's filters as the list's query: the days whole, in the browser's time zone, as RFC 3339. */
export function jobQuery(filters: JobUrlFilters): Pick<JobQuery, "status" | "kind" | "created_at_from" | "created_at_to"> {
  const status = urlStatuses(filters);
  const kind = list(filters.kind);
  const from = day(filters.from);
  const to = day(filters.to);
  return {
    status: status.length > 0 ? status.join(",") : undefined,
    kind: kind.length > 0 ? kind.join(",") : undefined,
    created_at_from: from ? from.startOf("day").toISOString() : undefined,
    created_at_to: to ? to.endOf("day").toISOString() : undefined,
  };
}
