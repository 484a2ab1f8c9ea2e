import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { operations } from "../../api/schema";
import { resourceKeys } from "../../shared/resource/resourceApi";

/** The list's documented query: paging, sort, q and the filters (status and kind comma-separated). */
export type JobQuery = NonNullable<operations["list_jobs"]["parameters"]["query"]>;

// The jobs have no `/jobs/{id}` to read, so not a whole `resourceApi`; its query keys, though,
// so invalidating "jobs" reaches every list and count.
export const jobKeys = resourceKeys("jobs");

/** How often an open jobs page asks again: jobs move on their own (queued → running → done). */
const REFRESH_MS = 30_000;

/** A page of the background jobs. */
export function useJobs(query: JobQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: jobKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/v1/jobs", { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    enabled: options.enabled ?? true,
  });
}

/** Runs a dead job again from its first attempt; the lists and counts refresh. */
export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/jobs/{id}/retry", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
