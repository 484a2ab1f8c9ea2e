import type { DataScope } from "../../api/types";

/** Whether the signed-in user may change a group: surely, surely not, or only the server knows. */
export type GroupAccess = "change" | "read" | "unknown";

/**
 * What the user may do to a group, as far as the browser can tell. The server lets the owner's
 * data scope change a group; a group that is not shared is only visible through that scope, so
 * seeing it means being able to change it. A shared group of someone else is changeable with the
 * "all" scope and never with "self"; for a department scope only the server knows whether the
 * owner is in it, so the UI offers the change and explains the server's 404.
 */
export function groupAccess(group: { owner_id: string; shared: boolean }, me: { id: string; data_scopes: readonly DataScope[] } | undefined): GroupAccess {
  if (!me) return "read";
  if (group.owner_id === me.id || !group.shared) return "change";
  if (me.data_scopes.includes("all")) return "change";
  if (me.data_scopes.every((scope) => scope === "self")) return "read";
  return "unknown";
}
