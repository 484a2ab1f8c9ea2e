import type { Dayjs } from "dayjs";
import type { AuditLogFilters } from "./api";

export type FilterFormValues = {
  entity?: string;
  entity_id?: string;
  actor_id?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The filter form as query parameters: blanks dropped, the range as whole days in RFC 3339 UTC. */
export function filtersFromForm(values: FilterFormValues): AuditLogFilters {
  const [start, end] = values.range ?? [null, null];
  return {
    entity: text(values.entity),
    entity_id: text(values.entity_id),
    actor_id: values.actor_id || undefined,
    from: start ? start.startOf("day").toISOString() : undefined,
    to: end ? end.endOf("day").toISOString() : undefined,
  };
}
