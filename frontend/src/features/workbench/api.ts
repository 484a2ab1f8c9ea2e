import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components, operations } from "../../api/schema";
import { asServerZone } from "../../shared/timeZone";

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
  const query: WorkbenchQuery = { reach, tz: asServerZone(tz), limit: ITEMS_PER_CARD };
  return useQuery({
    queryKey: workbenchKeys.cards(query),
    queryFn: () => unwrap(api.GET("/api/v1/workbench", { params: { query } })),
    // Fresh on every visit: a follow-up logged, a customer claimed or moved on another page
    // changes the cards, and those pages do not know about the workbench. Left open all day, it
    // catches up every few minutes.
    staleTime: 0,
    refetchInterval: 5 * 60_000,
  });
}
