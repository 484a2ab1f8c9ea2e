import type { Me } from "../../api/types";

/** Whether the user sees colleagues' opportunities (a manager): then the owner filter is worth showing. */
export function seesOthers(me: Pick<Me, "data_scope"> | undefined): boolean {
  return !!me && me.data_scope !== "self";
}
