import type { ApprovalFlow, ApprovalFlowPatch, Approver, EmptyApprover, NewApprovalFlow, ResubmitMode, SelfApproval, StepMode } from "../../api/types";
import { conditionBody, conditionRow, fieldOf, type ConditionRow } from "./conditions";

// The flow designer's form: the API's body, field for field, so a 422 naming
// `steps[1].condition[0].value` lands on the input named ["steps", 1, "condition", 0, "value"].
// Only the approver differs: the form keeps every kind's inputs, the body only the chosen one's.

export type { ApprovalFlow };
export type ApproverKind = Approver["kind"];

/** The document types that go through approval (the server's `doc_type`). */
export type DocType = NewApprovalFlow["doc_type"];
export const DOC_TYPES: readonly DocType[] = ["quote", "contract", "contract_amendment", "payment", "invoice"];
export const APPROVER_KINDS: readonly ApproverKind[] = ["user", "role", "supervisor", "department_head"];
export const STEP_MODES: readonly StepMode[] = ["any", "all", "sequential"];
export const RESUBMIT_MODES: readonly ResubmitMode[] = ["restart", "from_rejected_step"];
export const SELF_APPROVALS: readonly SelfApproval[] = ["skip", "allow"];
export const EMPTY_APPROVERS: readonly EmptyApprover[] = ["auto_pass", "to_admin"];
/** How far up the supervisor chain a step may reach (422 `out_of_range` beyond). */
export const MAX_LEVELS = 10;

export type ApproverForm = { kind: ApproverKind; user_ids?: string[]; role_id?: string; levels?: number };
export type StepForm = { name?: string; approver: ApproverForm; mode: StepMode; condition: ConditionRow[] };
export type FlowForm = {
  name?: string;
  doc_type: DocType;
  enabled: boolean;
  department_id?: string;
  resubmit_mode: ResubmitMode;
  allow_withdraw: boolean;
  require_comment_on_reject: boolean;
  self_approval: SelfApproval;
  empty_approver: EmptyApprover;
  steps: StepForm[];
};

/** A new step: the applicant's supervisor, any one of them; no condition, so it always applies. */
export function blankStep(): StepForm {
  return { name: "", approver: { kind: "supervisor", levels: 1 }, mode: "any", condition: [] };
}

/** A new flow with the server's defaults and one step. */
export function blankFlow(): FlowForm {
  return {
    name: "",
    doc_type: "quote",
    enabled: true,
    // Present though empty, so a 422 on it finds its field.
    department_id: undefined,
    resubmit_mode: "restart",
    allow_withdraw: true,
    require_comment_on_reject: false,
    self_approval: "skip",
    empty_approver: "auto_pass",
    steps: [blankStep()],
  };
}

function approverForm(approver: Approver): ApproverForm {
  switch (approver.kind) {
    case "user":
      return { kind: "user", user_ids: [...approver.user_ids] };
    case "role":
      return { kind: "role", role_id: approver.role_id };
    case "supervisor":
      return { kind: "supervisor", levels: approver.levels };
    case "department_head":
      return { kind: "department_head" };
  }
}

/** A saved flow as the form edits it. */
export function flowForm(flow: ApprovalFlow): FlowForm {
  return {
    name: flow.name,
    // A type this SPA does not know keeps its own: the patch never sends it.
    doc_type: DOC_TYPES.find((type) => type === flow.doc_type) ?? (flow.doc_type as DocType),
    enabled: flow.enabled,
    department_id: flow.department_id ?? undefined,
    resubmit_mode: flow.resubmit_mode,
    allow_withdraw: flow.allow_withdraw,
    require_comment_on_reject: flow.require_comment_on_reject,
    self_approval: flow.self_approval,
    empty_approver: flow.empty_approver,
    steps: flow.steps.map((step) => ({
      name: step.name,
      approver: approverForm(step.approver),
      mode: step.mode,
      condition: (step.condition ?? []).map(conditionRow),
    })),
  };
}

/** The chosen kind's approver; a missing input goes as empty, for the server to name the field. */
export function approverBody(approver: ApproverForm): Approver {
  switch (approver.kind) {
    case "user":
      return { kind: "user", user_ids: approver.user_ids ?? [] };
    case "role":
      return { kind: "role", role_id: approver.role_id ?? "" };
    case "supervisor":
      return { kind: "supervisor", levels: approver.levels ?? 1 };
    case "department_head":
      return { kind: "department_head" };
  }
}

function settings(form: FlowForm) {
  return {
    name: (form.name ?? "").trim(),
    enabled: form.enabled,
    department_id: form.department_id ?? null,
    resubmit_mode: form.resubmit_mode,
    allow_withdraw: form.allow_withdraw,
    require_comment_on_reject: form.require_comment_on_reject,
    self_approval: form.self_approval,
    empty_approver: form.empty_approver,
    steps: (form.steps ?? []).map((step) => ({
      name: (step.name ?? "").trim(),
      approver: approverBody(step.approver),
      mode: step.mode,
      condition: (step.condition ?? []).map(conditionBody),
    })),
  };
}

/** The body of a new flow. */
export function flowBody(form: FlowForm): NewApprovalFlow {
  return { doc_type: form.doc_type, ...settings(form) };
}

/** The body of a change: everything but the document type, which stays. */
export function flowPatch(form: FlowForm): ApprovalFlowPatch {
  return settings(form);
}

/** Which ways the step at `index` of `count` can move. */
export function stepMoves(index: number, count: number): { up: boolean; down: boolean } {
  return { up: index > 0, down: index < count - 1 };
}

/** The steps after the document type changes: conditions on fields the new type lacks go. */
export function forDocType(steps: readonly StepForm[], docType: string): StepForm[] {
  return steps.map((step) => ({ ...step, condition: (step.condition ?? []).filter((row) => fieldOf(docType, row.field) !== undefined) }));
}
