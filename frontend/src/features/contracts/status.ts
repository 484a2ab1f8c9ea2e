import type { Can } from "../../shared/permissions";
import { actionsFrom, type TransitionAction } from "../quotes/status";
import type { Contract, ContractStatus } from "./api";

export const CONTRACT_STATUSES: readonly ContractStatus[] = ["draft", "pending", "active", "completed", "terminated", "void"];

/**
 * The moves `POST /contracts/{id}/transition` takes: an active contract is completed or terminated
 * (with a reason), a draft voided. Only an approval makes a contract active (or pending).
 */
export const CONTRACT_TRANSITIONS: readonly TransitionAction<ContractStatus>[] = [
  { key: "complete", to: "completed", from: ["active"], primary: true },
  { key: "terminate", to: "terminated", from: ["active"], note: true, noteRequired: true, danger: true },
  { key: "void", to: "void", from: ["draft"], note: true, danger: true },
];

/** A finished contract: completed, terminated or void; only such a one is archived. */
export function isFinished(status: ContractStatus): boolean {
  return status === "completed" || status === "terminated" || status === "void";
}

export type ContractAction = "edit" | "submit" | "withdraw" | "amend" | "delete" | "archive" | "complete" | "terminate" | "void";

/**
 * What a contract's page offers, by its status and the user's permissions, as the server allows it:
 * a draft is edited, submitted for approval, voided or deleted; a pending one is withdrawn through
 * its approval (when the approval says the user may); an active one is amended, completed or
 * terminated, but none of these while an amendment of it waits for approval (409
 * `approval.pending`); a finished one is archived once; a void one may still be deleted (one that
 * was in force may not).
 */
export function contractActions(contract: Pick<Contract, "status" | "archived_at">, can: Can, amendmentPending = false): ContractAction[] {
  const { status } = contract;
  const actions: ContractAction[] = [];
  if (status === "draft" && can("contracts:update")) actions.push("edit", "submit");
  if (status === "pending") actions.push("withdraw");
  const held = status === "active" && amendmentPending;
  if (status === "active" && can("contracts:update") && !held) actions.push("amend");
  if (can("contracts:update") && !held) actions.push(...actionsFrom(CONTRACT_TRANSITIONS, status).map((a) => a.key as ContractAction));
  if (isFinished(status) && !contract.archived_at && can("contracts:archive")) actions.push("archive");
  if ((status === "draft" || status === "void") && can("contracts:delete")) actions.push("delete");
  return actions;
}
