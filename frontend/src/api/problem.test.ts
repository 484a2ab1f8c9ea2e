import { describe, expect, it, vi } from "vitest";
import type { FormInstance } from "antd";
import { ApiError, applyProblemToForm, fieldErrorText, fieldPath, parseProblem, problemText } from "./problem";

describe("problem+json", () => {
  it("parses a full problem", () => {
    const problem = parseProblem(
      {
        type: "about:blank",
        title: "Unprocessable",
        status: 422,
        detail: "Invalid input",
        code: "validation",
        errors: [{ field: "email", code: "invalid", message: "not an e-mail" }],
      },
      { status: 422 },
    );
    expect(problem).toEqual({
      type: "about:blank",
      title: "Unprocessable",
      status: 422,
      detail: "Invalid input",
      code: "validation",
      errors: [{ field: "email", code: "invalid", message: "not an e-mail" }],
    });
  });

  it("survives a body that is not a problem", () => {
    expect(parseProblem(undefined, { status: 502, statusText: "Bad Gateway" })).toEqual({
      title: "Bad Gateway",
      status: 502,
      detail: undefined,
      errors: [],
    });
  });

  it("keeps a batch request's missing ids", () => {
    const problem = parseProblem({ title: "Not Found", status: 404, missing_ids: ["a", 7, "b"] }, { status: 404 });
    expect(problem.missing_ids).toEqual(["a", "b"]);
    expect(parseProblem({ title: "Not Found", status: 404 }).missing_ids).toBeUndefined();
  });

  it("turns field paths into antd name paths", () => {
    expect(fieldPath("email")).toEqual(["email"]);
    expect(fieldPath("roles[1].id")).toEqual(["roles", 1, "id"]);
    expect(fieldPath("address.city")).toEqual(["address", "city"]);
  });

  it("puts field errors on the form and returns the rest", () => {
    const setFields = vi.fn();
    const form = { getFieldsValue: () => ({ email: "x", username: "y" }), setFields } as unknown as FormInstance;
    const rest = applyProblemToForm(
      form,
      parseProblem({
        title: "t",
        status: 422,
        errors: [
          { field: "email", code: "invalid", message: "bad e-mail" },
          { field: "tenant", code: "x", message: "unknown" },
        ],
      }),
    );
    // The code, not the server text, decides what the field shows.
    expect(setFields).toHaveBeenCalledWith([{ name: ["email"], errors: [fieldErrorText({ field: "email", code: "invalid", message: "" })] }]);
    expect(rest).toEqual([{ field: "tenant", code: "x", message: "unknown" }]);
  });

  it("reads Retry-After and formats a message", () => {
    const error = new ApiError(429, parseProblem({ title: "Too Many Requests", status: 429, detail: "locked" }), new Headers({ "Retry-After": "30" }));
    expect(error.retryAfter).toBe(30);
    expect(problemText(error)).toBe("locked");
  });
});
