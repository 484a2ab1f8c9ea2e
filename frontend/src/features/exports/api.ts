import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { operations } from "../../api/schema";
import { resourceKeys } from "../../shared/resource/resourceApi";

/** The list's documented query: paging, list, status and format. */
export type ExportQuery = NonNullable<operations["list_exports"]["parameters"]["query"]>;

export const exportKeys = resourceKeys("exports");

/** How often an open list of exports asks again while one of them is under way. */
const LIST_REFRESH_MS = 2_000;

/** A page of the caller's background exports, newest first; refreshed while one is queued or running. */
export function useExports(query: ExportQuery) {
  return useQuery({
    queryKey: exportKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/v1/exports", { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === "queued" || e.status === "running") ? LIST_REFRESH_MS : false),
  });
}
