import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { i18n } from "./index";
import { ApiError, fieldErrorText, parseProblem, problemText } from "../api/problem";

/**
 * The codes the server can emit, from a grep of the Rust sources (regenerate after adding codes):
 *   grep -rhoE '"[a-z_]+\.[a-z_.]+"' crates/crm-domain crates/crm-persistence crates/crm-http | sort -u
 * (less test/example strings such as "a.b", "zhang.san", "index.html"), plus "<entity>.not_found"
 * for every `DomainError::not_found(entity)` / kit record's `WHAT`, "internal" and "rate_limited";
 * field codes from `v.add(field, "code", …)`, `invalid_field(field, "code", …)` and
 * `FieldError { code: "…" }`.
 */
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "errorCodes.json"), "utf8")) as { problem: string[]; field: string[] };
const LANGUAGES = ["zh-CN", "en"] as const;

/** A text in `errors` (the first pages') or, as problem.ts falls back, in `moduleErrors` (the feature pages'). */
function lookup(language: string, path: string[]): unknown {
  const found = (file: string) => {
    const messages = JSON.parse(readFileSync(join(__dirname, language, file), "utf8")) as Record<string, unknown>;
    return path.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  };
  return found("errors.json") ?? found("moduleErrors.json");
}

describe("server error codes", () => {
  it("lists a plausible number of codes", () => {
    expect(fixture.problem.length).toBeGreaterThan(50);
    expect(fixture.field).toEqual(expect.arrayContaining(["required", "too_long", "invalid", "not_found", "duplicate", "in_future", "before_occurred", "too_many", "unknown", "cycle"]));
  });

  it.each(LANGUAGES)("translates every problem code in %s", (language) => {
    const missing = fixture.problem.filter((code) => typeof lookup(language, ["problem", ...code.split(".")]) !== "string");
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)("translates every field code in %s", (language) => {
    const missing = fixture.field.filter((code) => typeof lookup(language, ["field", code]) !== "string");
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)("has a generic message per status in %s", (language) => {
    for (const status of ["400", "401", "403", "404", "409", "412", "422", "429", "500", "503"]) {
      expect(typeof lookup(language, ["generic", status]), `${language} ${status}`).toBe("string");
    }
  });
});

describe("messages in the user's language", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  const validation = () =>
    new ApiError(
      422,
      parseProblem({
        title: "Unprocessable Entity",
        status: 422,
        code: "validation.failed",
        detail: "next_follow_up_at: must be after occurred_at; phone: is not a valid phone number",
        errors: [
          { field: "next_follow_up_at", code: "before_occurred", message: "must be after occurred_at" },
          { field: "phone", code: "invalid", message: "is not a valid phone number" },
          { field: "name", code: "too_long", message: "must be at most 200 characters" },
          { field: "x", code: "brand_new_code", message: "some English" },
        ],
      }),
    );

  it("shows no server English in Chinese", async () => {
    await i18n.changeLanguage("zh-CN");
    const text = problemText(validation());
    expect(text).toContain("下次跟进");
    expect(text).toContain("不是有效的电话号码");
    expect(text).toContain("不能超过 200 个字符");
    expect(text).not.toMatch(/must|valid phone|English/);
    const notFound = new ApiError(404, parseProblem({ title: "Not Found", status: 404, code: "customer.not_found", detail: "customer not found" }));
    expect(problemText(notFound)).not.toContain("customer not found");
    const unknown = new ApiError(409, parseProblem({ title: "Conflict", status: 409, code: "brand.new", detail: "English detail" }));
    expect(problemText(unknown)).toBe("操作与现有数据冲突");
  });

  it("translates every fixture code to Chinese text", async () => {
    await i18n.changeLanguage("zh-CN");
    for (const code of fixture.field) {
      expect(fieldErrorText({ field: "f", code, message: "English" }), code).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const code of fixture.problem) {
      const error = new ApiError(400, parseProblem({ title: "Bad", status: 400, code, detail: "English detail" }));
      expect(problemText(error), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("falls back to the server text in English only for unknown codes", async () => {
    await i18n.changeLanguage("en");
    expect(fieldErrorText({ field: "x", code: "brand_new_code", message: "some English" })).toBe("some English");
    expect(fieldErrorText({ field: "phone", code: "invalid", message: "x" })).toBe("is not a valid phone number");
  });
});
