import type { Customer, DataScope } from "../../api/types";

/** Whether the signed-in user may do something to a customer: surely, surely not, or only the server knows. */
export type Access = "yes" | "no" | "unknown";

type Viewer = { id: string; data_scopes: readonly DataScope[] } | undefined;

/**
 * Editing the record and its follow-ups (and transferring it): the server allows the owner, users
 * whose data scope covers the owner, and collaborators with edit access. A public customer has no
 * owner, so only the "all" scope may edit it; for a department scope or a shared customer only the
 * server knows, so the UI offers the action and shows the server's answer.
 */
export function editAccess(customer: Pick<Customer, "owner_id">, me: Viewer): Access {
  if (!me) return "no";
  if (me.data_scopes.includes("all")) return "yes";
  if (!customer.owner_id) return "no";
  if (customer.owner_id === me.id) return "yes";
  return "unknown";
}

/**
 * Releasing and invalidating: only the owner's side (the owner, or a scope covering them), never a
 * collaborator. With only the "self" scope, someone else's customer is seen through sharing, so
 * the answer is surely no.
 */
export function ownerSideAccess(customer: Pick<Customer, "owner_id">, me: Viewer): Access {
  if (!me) return "no";
  if (me.data_scopes.includes("all")) return "yes";
  if (!customer.owner_id) return "no";
  if (customer.owner_id === me.id) return "yes";
  if (me.data_scopes.every((scope) => scope === "self")) return "no";
  return "unknown";
}

/** Why an action is greyed out, as a `customers:access.*` key; undefined when it may be tried. */
export function blockedReason(customer: Pick<Customer, "owner_id">, access: Access): "publicPool" | "notOwner" | undefined {
  if (access !== "no") return undefined;
  return customer.owner_id ? "notOwner" : "publicPool";
}
