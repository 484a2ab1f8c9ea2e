import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { PageParams } from "../../shared/hooks/pagedQuery";

/** The filters GET /interactions documents; the export takes the same. */
export type InteractionFilters = {
  q?: string;
  /** `follow_up_type` codes, comma-separated. */
  kind?: string;
  /** Who recorded it. */
  owner_id?: string;
  /** RFC 3339 timestamps. */
  occurred_at_from?: string;
  occurred_at_to?: string;
};

export type InteractionListParams = PageParams & InteractionFilters;

export const interactionKeys = {
  all: ["follow-ups", "interactions"] as const,
  list: (params: InteractionListParams) => ["follow-ups", "interactions", params] as const,
};

export function useInteractions(params: InteractionListParams) {
  return useQuery({
    queryKey: interactionKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/interactions", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}
