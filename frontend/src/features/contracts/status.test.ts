import { describe, expect, it } from "vitest";
import type { PermissionCode } from "../../api/types";
import type { Can } from "../../shared/permissions";
import { contractActions, CONTRACT_TRANSITIONS, isFinished } from "./status";
import { actionsFrom } from "../quotes/status";
import type { ContractStatus } from "./api";

const all: Can = () => true;
const only =
  (...granted: PermissionCode[]): Can =>
  (p) =>
    !p || granted.includes(p);
const actions = (status: ContractStatus, can: Can = all, archived_at: string | null = null) => contractActions({ status, archived_at }, can);

describe("contract actions", () => {
  it("offers each status its own moves", () => {
    expect(actions("draft")).toEqual(["edit", "submit", "void", "delete"]);
    expect(actions("pending")).toEqual(["withdraw"]);
    expect(actions("active")).toEqual(["amend", "complete", "terminate"]);
    expect(actions("completed")).toEqual(["archive"]);
    expect(actions("terminated")).toEqual(["archive"]);
    expect(actions("void")).toEqual(["archive", "delete"]);
  });

  it("neither amends, completes nor terminates an active contract while an amendment of it waits", () => {
    expect(contractActions({ status: "active", archived_at: null }, all, true)).toEqual([]);
    expect(contractActions({ status: "draft", archived_at: null }, all, true)).toEqual(["edit", "submit", "void", "delete"]);
  });

  it("archives a finished contract once", () => {
    expect(actions("completed", all, "2026-12-01T00:00:00Z")).toEqual([]);
    expect(actions("void", all, "2026-12-01T00:00:00Z")).toEqual(["delete"]);
  });

  it("offers only what the user's permissions allow", () => {
    expect(actions("draft", only("contracts:read"))).toEqual([]);
    expect(actions("draft", only("contracts:delete"))).toEqual(["delete"]);
    expect(actions("active", only("contracts:read"))).toEqual([]);
    expect(actions("completed", only("contracts:update"))).toEqual([]);
    expect(actions("completed", only("contracts:archive"))).toEqual(["archive"]);
    // Withdrawing is the approval's to allow (the applicant), not a contract permission.
    expect(actions("pending", only())).toEqual(["withdraw"]);
  });

  it("asks for a reason to terminate only", () => {
    expect(actionsFrom(CONTRACT_TRANSITIONS, "active").filter((a) => a.noteRequired).map((a) => a.key)).toEqual(["terminate"]);
    expect(["completed", "terminated", "void"].every((s) => isFinished(s as ContractStatus))).toBe(true);
    expect(["draft", "pending", "active"].some((s) => isFinished(s as ContractStatus))).toBe(false);
  });
});
