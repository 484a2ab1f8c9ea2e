import { useQuery } from "@tanstack/react-query";
import type { RegionOption } from "./regions";

/** The region options, fetched as a chunk of their own the first time a picker shows. */
export function useRegions() {
  return useQuery<RegionOption[]>({
    queryKey: ["regions"],
    queryFn: () => import("./regionData").then((m) => m.REGION_OPTIONS),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
