import { describe, expect, it } from "vitest";
import type { Can } from "../../shared/permissions";
import { availableActions, boxesFor, currentStep, docSummary, documentRecord, inboxQuery, stepStatus, withdrawConfirmKey, type Approval } from "./model";

const everyone: Can = () => true;
const noApprove: Can = (p) => p !== "approvals:approve";

describe("approval actions", () => {
  it("lets an approver whose turn it is approve, reject and transfer", () => {
    expect(availableActions({ status: "pending", can_act: true, can_withdraw: false }, everyone)).toEqual(["approve", "reject", "transfer", "comment"]);
  });

  it("lets the applicant withdraw when the flow allows it", () => {
    expect(availableActions({ status: "pending", can_act: false, can_withdraw: true }, everyone)).toEqual(["withdraw", "comment"]);
  });

  it("offers only comments on a decided approval, or to a reader without a task", () => {
    expect(availableActions({ status: "approved", can_act: true, can_withdraw: true }, everyone)).toEqual(["comment"]);
    expect(availableActions({ status: "pending", can_act: false, can_withdraw: false }, everyone)).toEqual(["comment"]);
    expect(availableActions({ status: "pending", can_act: true, can_withdraw: false }, noApprove)).toEqual(["comment"]);
  });
});

const approval = {
  status: "pending",
  current_step: 1,
  steps: [
    { index: 0, name: "主管审批", mode: "any", state: "approved", approvers: [] },
    { index: 1, name: "总经理审批", mode: "any", state: "active", approvers: [] },
  ],
  summary: { number: "QT-1", customer_name: "华为", total: "150000.00", currency: "CNY", valid_until: "2026-12-31", lines: 2 },
} as unknown as Approval;

describe("inbox", () => {
  it("shows the box the address names, if the user has it", () => {
    expect(boxesFor(noApprove)).toEqual(["pending", "submitted", "done", "all"]);
    expect(boxesFor((p) => p !== "approvals:manage")).toEqual(["pending", "submitted", "done"]);
    expect(inboxQuery({ box: "done", q: " QT-1 ", status: "rejected" }, ["pending", "done"])).toEqual({ box: "done", q: "QT-1", status: "rejected" });
    expect(inboxQuery({ box: "all", status: "lost" }, ["pending", "done"])).toEqual({ box: "pending", q: undefined, status: undefined });
  });

  it("reads the document's summary and the step it waits on", () => {
    expect(docSummary(approval)).toEqual({ customer: "华为", owner: undefined, total: "150000.00", currency: "CNY", validUntil: "2026-12-31", lines: 2 });
    expect(docSummary({ summary: {} } as unknown as Approval)).toEqual({ customer: undefined, owner: undefined, total: undefined, currency: undefined, validUntil: undefined, lines: undefined });
    expect(currentStep(approval)?.name).toBe("总经理审批");
    expect(currentStep({ ...approval, status: "approved" })).toBeUndefined();
  });

  it("draws step states as antd's Steps", () => {
    expect(["waiting", "active", "approved", "auto_passed", "rejected", "skipped"].map((s) => stepStatus(s as never))).toEqual(["wait", "process", "finish", "finish", "error", "wait"]);
  });
});

describe("a contract amendment's approval", () => {
  const amendment = {
    doc_type: "contract_amendment",
    doc_id: "a1",
    doc_label: "HT-2026-000123 #2",
    summary: {
      contract_id: "c1",
      contract_number: "HT-2026-000123",
      customer_name: "华为",
      amount: "180000.00",
      amount_before: "150000.00",
      currency: "CNY",
      seq: 2,
      reason: "客户追加两台设备",
      before: { amount: "150000.00", end_date: "2027-12-31" },
      after: { amount: "180000.00", end_date: "2028-03-31" },
    },
  } as unknown as Approval;

  it("reads the reason, the amount before and after, and what changes", () => {
    expect(docSummary(amendment)).toMatchObject({
      customer: "华为",
      total: "180000.00",
      totalBefore: "150000.00",
      contract: "HT-2026-000123",
      contractId: "c1",
      reason: "客户追加两台设备",
      changes: { before: { amount: "150000.00", end_date: "2027-12-31" }, after: { amount: "180000.00", end_date: "2028-03-31" } },
    });
  });

  it("opens its contract, where other documents open themselves", () => {
    expect(documentRecord(amendment)).toEqual({ entity: "contracts", id: "c1", name: "HT-2026-000123" });
    expect(documentRecord({ ...amendment, summary: {} })).toBeUndefined();
    expect(documentRecord({ doc_type: "quote", doc_id: "q1", doc_label: "QT-1", summary: {} } as unknown as Approval)).toEqual({ entity: "quotes", id: "q1", name: "QT-1" });
    expect(documentRecord({ doc_type: "order", doc_id: "o1", doc_label: "DD-1", summary: {} } as unknown as Approval)).toBeUndefined();
  });

  it("says withdrawing leaves the contract as it is", () => {
    expect(withdrawConfirmKey(amendment)).toBe("approvals:actions.withdrawConfirmAmendment");
    expect(withdrawConfirmKey({ doc_type: "contract" } as Approval)).toBe("approvals:actions.withdrawConfirm");
  });
});
