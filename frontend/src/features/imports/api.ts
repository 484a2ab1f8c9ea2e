import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { api, unwrap } from "../../api/client";
import type { operations } from "../../api/schema";
import { resourceKeys } from "../../shared/resource/resourceApi";
import { pollInterval } from "./status";

/** The list's documented query: paging, entity and status. */
export type ImportQuery = NonNullable<operations["list_imports"]["parameters"]["query"]>;

export const importKeys = resourceKeys("imports");

/** How often an open list of imports asks again while one of them is under way. */
const LIST_REFRESH_MS = 3_000;

/** A page of the caller's imports, newest first; refreshed while one is queued or running. */
export function useImports(query: ImportQuery) {
  return useQuery({
    queryKey: importKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/v1/imports", { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === "queued" || i.status === "running") ? LIST_REFRESH_MS : false),
  });
}

/** One import, asked again until it has finished (done or failed). */
export function useImport(id: string | undefined) {
  const started = useRef(Date.now());
  return useQuery({
    queryKey: importKeys.detail(id ?? ""),
    queryFn: () => unwrap(api.GET("/api/v1/imports/{id}", { params: { path: { id: id ?? "" } } })),
    enabled: !!id,
    refetchInterval: (q) => pollInterval(q.state.data, Date.now() - started.current),
  });
}
