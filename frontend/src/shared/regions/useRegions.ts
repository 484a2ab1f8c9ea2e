import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { Region } from "../../api/types";

export const regionKeys = { tree: ["regions"] as const };

/**
 * The region tree the server serves (GET /regions), asked for the first time a picker shows. It
 * changes only with a release of the data set: kept for the session, and the browser's cache
 * (ETag, a day's max-age) spares the download across sessions.
 */
export function useRegions() {
  return useQuery<Region[]>({
    queryKey: regionKeys.tree,
    queryFn: () => unwrap(api.GET("/api/v1/regions")).then((tree) => tree.items),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
