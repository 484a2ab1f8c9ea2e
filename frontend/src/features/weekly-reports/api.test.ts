import { describe, expect, it } from "vitest";
import { ApiError, parseProblem } from "../../api/problem";
import { duplicateOf } from "./api";

describe("a refused weekly report", () => {
  it("names the week's existing report on a 409 duplicate", () => {
    const duplicate = new ApiError(409, parseProblem({ title: "Conflict", status: 409, code: "weekly_report.duplicate", existing_id: "w1" }));
    expect(duplicateOf(duplicate)).toBe("w1");
    const other = new ApiError(409, parseProblem({ title: "Conflict", status: 409, code: "weekly_report.not_yours" }));
    expect(duplicateOf(other)).toBeUndefined();
    expect(duplicateOf(new Error("x"))).toBeUndefined();
  });
});
