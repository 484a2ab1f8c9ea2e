import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components, operations } from "../../api/schema";

export type Workbench = components["schemas"]["Workbench"];
export type WorkbenchCard = components["schemas"]["Card"];
export type WorkbenchItem = components["schemas"]["CardItem"];
export type OwnerCount = components["schemas"]["OwnerCount"];
export type Reach = components["schemas"]["Reach"];
type WorkbenchQuery = NonNullable<operations["get_workbench"]["parameters"]["query"]>;

export const workbenchKeys = {
  all: ["workbench"] as const,
  cards: (query: WorkbenchQuery) => ["workbench", query] as const,
};

/** Items per card: enough to act on from the home page; "view all" opens the rest. */
export const ITEMS_PER_CARD = 5;

export function useWorkbench(reach: Reach, tz: string) {
  const query: WorkbenchQuery = { reach, tz, limit: ITEMS_PER_CARD };
  return useQuery({
    queryKey: workbenchKeys.cards(query),
    queryFn: () => unwrap(api.GET("/api/v1/workbench", { params: { query } })),
    // A rep comes back to the home page between calls; what they did elsewhere should show.
    staleTime: 15_000,
  });
}
