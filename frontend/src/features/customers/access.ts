import type { Customer, DataScope } from "../../api/types";

/** Whether the signed-in user may do something to a customer: surely, surely not, or only the server knows. */
export type Access = "yes" | "no" | "unknown";

type Viewer = { id: string; data_scopes: readonly DataScope[] } | undefined;

/**
 * Editing the record and what hangs off it (follow-ups, contacts, collaborators): the server allows
 * the owner, users whose edit scope covers the owner, and collaborators with edit access. A single
 * customer read from the server says which it is (`access`: "edit" or "read"), and that answer
 * wins. Without it (a list row), a public customer has no owner, so only the "all" scope may edit
 * it; for a department scope or a shared customer only the server knows, so the UI offers the
 * action and shows the server's answer.
 */
export function editAccess(customer: Pick<Customer, "owner_id" | "access">, me: Viewer): Access {
  if (!me) return "no";
  if (customer.access === "read") return "no";
  if (customer.access === "edit") return "yes";
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

/**
 * Transferring: a pool command, with its own rule (the owner's side, as before the server said
 * `access`), so a customer's `access` does not narrow it; the server has the last word.
 */
export function transferAccess(customer: Pick<Customer, "owner_id">, me: Viewer): Access {
  return editAccess({ owner_id: customer.owner_id }, me);
}

/**
 * Why an action is greyed out, as a `customers:access.*` key; undefined when it may be tried. A
 * public customer is claimed first; one the server lets the user only read says so.
 */
export function blockedReason(customer: Pick<Customer, "owner_id"> & { access?: Customer["access"] }, access: Access): "publicPool" | "readOnly" | "notOwner" | undefined {
  if (access !== "no") return undefined;
  if (!customer.owner_id) return "publicPool";
  return customer.access === "read" ? "readOnly" : "notOwner";
}
