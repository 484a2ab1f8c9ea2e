import type { Approval, ApprovalDetail, ApprovalEvent, ApprovalStatus, ApprovalStepState } from "../../api/types";
import type { Can } from "../../shared/permissions";

export type { Approval, ApprovalDetail, ApprovalEvent, ApprovalStatus };
export type ApprovalStep = ApprovalStepState;
export type StepState = ApprovalStep["state"];

/** The inbox's boxes; `all` is for holders of `approvals:manage`. */
export const BOXES = ["pending", "submitted", "done", "all"] as const;
export type Box = (typeof BOXES)[number];
export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ["pending", "approved", "rejected", "withdrawn"];

export function boxesFor(can: Can): Box[] {
  return BOXES.filter((box) => box !== "all" || can("approvals:manage"));
}

export type ApprovalActionKey = "approve" | "reject" | "transfer" | "withdraw" | "comment";

/**
 * The actions the detail offers: the server says whether the caller may decide now (`can_act`)
 * and withdraw (`can_withdraw`); anyone who reads an approval may comment on it.
 */
export function availableActions(approval: Pick<Approval, "status" | "can_act" | "can_withdraw">, can: Can): ApprovalActionKey[] {
  const open = approval.status === "pending";
  return [
    ...(open && approval.can_act && can("approvals:approve") ? (["approve", "reject", "transfer"] as const) : []),
    ...(open && approval.can_withdraw ? (["withdraw"] as const) : []),
    "comment" as const,
  ];
}

/** What withdrawing says will happen: a document goes back to draft, an amended contract stays as it was. */
export function withdrawConfirmKey(approval: Pick<Approval, "doc_type">): string {
  return approval.doc_type === "contract_amendment" ? "approvals:actions.withdrawConfirmAmendment" : "approvals:actions.withdrawConfirm";
}

export const STATUS_COLORS: Record<ApprovalStatus, string> = { pending: "gold", approved: "success", rejected: "error", withdrawn: "default" };

export const STEP_COLORS: Record<StepState, string> = {
  waiting: "default",
  active: "processing",
  approved: "success",
  rejected: "error",
  skipped: "default",
  auto_passed: "cyan",
  cancelled: "default",
};

/** An approver's state (`pending`, `transferred`…) as a tag colour. */
export function approverColor(state: string): string {
  switch (state) {
    case "pending":
      return "processing";
    case "approved":
      return "success";
    case "rejected":
      return "error";
    case "transferred":
      return "purple";
    default:
      return "default";
  }
}

/** What the inbox and the detail show of the document as submitted; the summary is the server's free-form snapshot. */
export type DocSummary = {
  customer?: string;
  owner?: string;
  total?: string;
  currency?: string;
  validUntil?: string;
  lines?: number;
  /** A payment's or an invoice's contract (its number). */
  contract?: string;
  /** A payment's day and `payment_method` code. */
  receivedDate?: string;
  method?: string;
  /** An invoice's type, title and the tax its amount includes. */
  invoiceType?: string;
  invoiceTitle?: string;
  tax?: string;
  /** A contract amendment's contract (its id), why it changes, and its amount before (`total` is after). */
  contractId?: string;
  reason?: string;
  totalBefore?: string;
  /** What an amendment changes: its fields as they were and as amended. */
  changes?: { before: object; after: object };
};

export function docSummary(approval: Pick<Approval, "summary">): DocSummary {
  const s = (approval.summary ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof s[key] === "string" && s[key] !== "" ? (s[key] as string) : undefined);
  return {
    customer: text("customer_name"),
    owner: text("owner_name"),
    // A quote's total, a contract's amount.
    total: text("total") ?? text("amount"),
    currency: text("currency"),
    validUntil: text("valid_until"),
    lines: typeof s.lines === "number" ? s.lines : undefined,
    contract: text("contract_number"),
    receivedDate: text("received_date"),
    method: text("method"),
    invoiceType: text("type"),
    invoiceTitle: text("title"),
    tax: text("tax_amount"),
    ...amendmentSummary(s),
  };
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A contract amendment's own members; none for other documents, so their summaries stay as they were. */
function amendmentSummary(s: Record<string, unknown>): Pick<DocSummary, "contractId" | "reason" | "totalBefore" | "changes"> {
  const text = (key: string) => (typeof s[key] === "string" && s[key] !== "" ? (s[key] as string) : undefined);
  const { before, after } = s;
  return {
    ...(text("contract_id") ? { contractId: text("contract_id") } : {}),
    ...(text("reason") ? { reason: text("reason") } : {}),
    ...(text("amount_before") ? { totalBefore: text("amount_before") } : {}),
    ...(isObject(before) && isObject(after) ? { changes: { before, after } } : {}),
  };
}

/** The step the approval waits on, if it still waits. */
export function currentStep(approval: Pick<Approval, "status" | "current_step" | "steps">): ApprovalStep | undefined {
  if (approval.status !== "pending" || approval.current_step === null || approval.current_step === undefined) return undefined;
  return approval.steps.find((step) => step.index === approval.current_step);
}

/** Where a document of a type lives in the SPA, as the operation log names it (`recordPath`). */
export const DOC_ENTITIES: Readonly<Record<string, string>> = { quote: "quotes", contract: "contracts", contract_amendment: "contracts", payment: "payments", invoice: "invoices" };

/**
 * The record an approval's document opens as: the document itself, but an amendment's contract
 * (an amendment has no page of its own; its contract lists it).
 */
export function documentRecord(approval: Pick<Approval, "doc_type" | "doc_id" | "doc_label" | "summary">): { entity: string; id: string; name: string } | undefined {
  const entity = DOC_ENTITIES[approval.doc_type];
  if (!entity) return undefined;
  if (approval.doc_type !== "contract_amendment") return { entity, id: approval.doc_id, name: approval.doc_label };
  const s = docSummary(approval);
  return s.contractId ? { entity, id: s.contractId, name: s.contract ?? approval.doc_label } : undefined;
}

/** A string member of an event's `data` (the user a task went to, the round). */
export function eventData(event: Pick<ApprovalEvent, "data">, key: string): string | number | undefined {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const value = data[key];
  return typeof value === "string" || typeof value === "number" ? value : undefined;
}

export const INBOX_FILTERS = ["box", "q", "status"] as const;
export type InboxFilterName = (typeof INBOX_FILTERS)[number];

/** The box the address names, if the user has it; else the approvals waiting on them. */
export function boxOf(filters: Partial<Record<InboxFilterName, string>>, boxes: readonly Box[]): Box {
  return boxes.find((box) => box === filters.box) ?? "pending";
}

/** The inbox's filters as the API's query; an unknown status is dropped (the API would refuse it). */
export function inboxQuery(filters: Partial<Record<InboxFilterName, string>>, boxes: readonly Box[]) {
  const q = filters.q?.trim();
  return {
    box: boxOf(filters, boxes),
    q: q ? q : undefined,
    status: (APPROVAL_STATUSES as readonly string[]).includes(filters.status ?? "") ? filters.status : undefined,
  };
}

/** A step's state as antd's Steps draw it. */
export function stepStatus(state: StepState): "wait" | "process" | "finish" | "error" {
  switch (state) {
    case "active":
      return "process";
    case "approved":
    case "auto_passed":
      return "finish";
    case "rejected":
      return "error";
    default:
      return "wait";
  }
}
