import type { Dayjs } from "dayjs";
import type { InteractionFilters } from "./api";

export type InteractionSearchValues = {
  q?: string;
  kinds?: string[];
  owner_id?: string;
  occurred?: [Dayjs | null, Dayjs | null] | null;
};

/** The search form as list parameters: blanks dropped, kinds comma-joined, the range as whole days. */
export function interactionFilters(values: InteractionSearchValues): InteractionFilters {
  const [start, end] = values.occurred ?? [null, null];
  const q = values.q?.trim();
  return {
    q: q ? q : undefined,
    kind: values.kinds && values.kinds.length > 0 ? values.kinds.join(",") : undefined,
    owner_id: values.owner_id || undefined,
    occurred_at_from: start ? start.startOf("day").toISOString() : undefined,
    occurred_at_to: end ? end.endOf("day").toISOString() : undefined,
  };
}
