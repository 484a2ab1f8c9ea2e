import { describe, expect, it } from "vitest";
import { fieldPath } from "../../api/problem";
import { approverBody, blankFlow, blankStep, flowBody, flowForm, flowPatch, forDocType, stepMoves, type ApprovalFlow, type FlowForm } from "./flowForm";

const saved: ApprovalFlow = {
  id: "f1",
  doc_type: "quote",
  name: "报价审批",
  enabled: true,
  department_id: null,
  resubmit_mode: "restart",
  allow_withdraw: true,
  require_comment_on_reject: true,
  self_approval: "skip",
  empty_approver: "auto_pass",
  steps: [
    { name: "主管审批", approver: { kind: "supervisor", levels: 1 }, mode: "any", condition: [] },
    { name: "总经理审批", approver: { kind: "user", user_ids: ["u2"] }, mode: "any", condition: [{ field: "total", op: "gt", value: "100000" }] },
  ],
  version: 3,
  created_at: "2026-12-01T09:00:00Z",
  updated_at: "2026-12-03T10:00:00Z",
};

describe("flow designer form", () => {
  it("reads a saved flow and writes it back unchanged", () => {
    const form = flowForm(saved);
    expect(form.steps[1]?.condition).toEqual([{ field: "total", op: "gt", value: "100000" }]);
    const body = flowBody(form);
    expect(body).toEqual({
      doc_type: "quote",
      name: "报价审批",
      enabled: true,
      department_id: null,
      resubmit_mode: "restart",
      allow_withdraw: true,
      require_comment_on_reject: true,
      self_approval: "skip",
      empty_approver: "auto_pass",
      steps: saved.steps,
    });
    // A change never sends the document type, which stays.
    expect(flowPatch(form)).not.toHaveProperty("doc_type");
    expect(flowPatch(form).steps).toEqual(saved.steps);
  });

  it("sends only the chosen kind's approver, whatever else the form kept", () => {
    expect(approverBody({ kind: "role", role_id: "r1", user_ids: ["u1"], levels: 2 })).toEqual({ kind: "role", role_id: "r1" });
    expect(approverBody({ kind: "department_head", levels: 2 })).toEqual({ kind: "department_head" });
    expect(approverBody({ kind: "user" })).toEqual({ kind: "user", user_ids: [] });
    expect(approverBody({ kind: "supervisor" })).toEqual({ kind: "supervisor", levels: 1 });
  });

  it("starts a flow with the server's defaults and one always-applying step", () => {
    const flow = blankFlow();
    expect(flow).toMatchObject({ doc_type: "quote", enabled: true, allow_withdraw: true, require_comment_on_reject: false, self_approval: "skip", empty_approver: "auto_pass", resubmit_mode: "restart" });
    expect(flow.steps).toEqual([blankStep()]);
    expect(blankStep()).toEqual({ name: "", approver: { kind: "supervisor", levels: 1 }, mode: "any", condition: [] });
  });

  it("trims names and keeps the steps in the order the list shows", () => {
    const form: FlowForm = { ...flowForm(saved), name: "  报价审批 ", steps: [...flowForm(saved).steps].reverse() };
    form.steps[0] = { ...form.steps[0]!, name: " 总经理审批 " };
    const body = flowBody(form);
    expect(body.name).toBe("报价审批");
    expect(body.steps.map((s) => s.name)).toEqual(["总经理审批", "主管审批"]);
  });

  it("drops the conditions a new document type cannot test, keeping the rest", () => {
    const steps = flowForm(saved).steps;
    steps[1]!.condition.push({ field: "customer_id", op: "eq", value: "c1" });
    const contract = forDocType(steps, "contract");
    expect(contract[1]?.condition).toEqual([{ field: "customer_id", op: "eq", value: "c1" }]);
    expect(contract.map((s) => s.name)).toEqual(["主管审批", "总经理审批"]);
  });

  it("moves a step only where there is room", () => {
    expect(stepMoves(0, 3)).toEqual({ up: false, down: true });
    expect(stepMoves(1, 3)).toEqual({ up: true, down: true });
    expect(stepMoves(2, 3)).toEqual({ up: true, down: false });
    expect(stepMoves(0, 1)).toEqual({ up: false, down: false });
  });

  it("names its inputs as the server names fields in a 422", () => {
    // The designer's Form.Items sit at these paths; applyProblemToForm puts an error where fieldPath points.
    expect(fieldPath("steps[1].condition[0].value")).toEqual(["steps", 1, "condition", 0, "value"]);
    expect(fieldPath("steps[0].approver.user_ids")).toEqual(["steps", 0, "approver", "user_ids"]);
    const form = flowForm(saved) as unknown as Record<string, unknown>;
    const at = (path: (string | number)[]) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], form);
    expect(at(fieldPath("steps[1].condition[0].value"))).toBe("100000");
    expect(at(fieldPath("steps[1].approver.user_ids"))).toEqual(["u2"]);
    expect(at(fieldPath("steps[0].approver.levels"))).toBe(1);
  });
});
