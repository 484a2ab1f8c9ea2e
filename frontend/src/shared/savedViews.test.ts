import { describe, expect, it } from "vitest";
import type { SavedView } from "../api/types";
import { defaultView, initialView, openingView, queryInt, sameViewState, sortViews, toViewQuery } from "./savedViews";

function view(id: string, name: string, is_default = false): SavedView {
  return {
    id,
    resource: "customers",
    name,
    query: {},
    columns: [],
    is_default,
    version: 1,
    created_at: "2026-11-25T09:00:00Z",
    updated_at: "2026-11-25T09:00:00Z",
  };
}

describe("saved view queries", () => {
  it("keeps filled parameters as text and never the page", () => {
    expect(toViewQuery({ q: " 杭州 ", level: "a", city: "", pool: undefined, owner: null, page: 3, page_size: 20, sort: "-updated_at" })).toEqual({
      q: "杭州",
      level: "a",
      page_size: "20",
      sort: "-updated_at",
    });
  });

  it("reads whole numbers in range only", () => {
    expect(queryInt({ page_size: "50" }, "page_size", 200)).toBe(50);
    expect(queryInt({ page_size: "0" }, "page_size", 200)).toBeUndefined();
    expect(queryInt({ page_size: "500" }, "page_size", 200)).toBeUndefined();
    expect(queryInt({ page_size: "2.5" }, "page_size", 200)).toBeUndefined();
    expect(queryInt({}, "page_size", 200)).toBeUndefined();
  });
});

describe("whether the page still shows the view", () => {
  const shown = { query: { level: "a", sort: "-updated_at" }, columns: ["code", "name", "level"] };

  it("compares queries ignoring blanks and key order", () => {
    expect(sameViewState({ query: { sort: "-updated_at", level: "a", city: "" }, columns: ["level", "code", "name"] }, shown)).toBe(true);
    expect(sameViewState({ query: { level: "b", sort: "-updated_at" }, columns: shown.columns }, shown)).toBe(false);
    expect(sameViewState({ query: { sort: "-updated_at" }, columns: shown.columns }, shown)).toBe(false);
  });

  it("compares columns only when the view has some", () => {
    expect(sameViewState({ query: shown.query, columns: ["code", "name"] }, shown)).toBe(false);
    expect(sameViewState({ query: shown.query, columns: [] }, shown)).toBe(true);
  });
});

describe("the view a list opens with", () => {
  const plain = view("1", "杭州客户");
  const favourite = view("2", "A 级客户", true);
  const views = [plain, favourite];

  it("is the default one", () => {
    expect(defaultView(views)).toBe(favourite);
    expect(defaultView([plain])).toBeUndefined();
    expect(initialView(views, null, false)).toBe(favourite);
  });

  it("is the one the URL names, even with other parameters", () => {
    expect(initialView(views, "1", false)).toBe(plain);
    expect(initialView(views, "1", true)).toBe(plain);
  });

  it("is none when the URL asks for filters of its own", () => {
    expect(initialView(views, null, true)).toBeUndefined();
  });

  it("falls back to the default when the named view is gone", () => {
    expect(initialView(views, "gone", false)).toBe(favourite);
    expect(initialView([plain], "gone", false)).toBeUndefined();
  });

  it("applies the named or the default view to a URL without a query of its own", () => {
    expect(openingView(views, "1", false)).toEqual({ action: "apply", view: plain });
    expect(openingView(views, null, false)).toEqual({ action: "apply", view: favourite });
    expect(openingView([plain], "gone", false)).toEqual({ action: "apply", view: null });
    expect(openingView([plain], null, false)).toBeUndefined();
  });

  it("keeps a URL's own query: a link with a search is not overridden by the default view", () => {
    expect(openingView(views, null, true)).toBeUndefined();
  });

  it("only resumes the view a URL with its own query names (Back, a reload)", () => {
    expect(openingView(views, "1", true)).toEqual({ action: "resume", view: plain });
    expect(openingView(views, "gone", true)).toEqual({ action: "resume", view: null });
  });

  it("lists the default first, then by name", () => {
    expect(sortViews([view("3", "b"), view("4", "a"), favourite]).map((v) => v.id)).toEqual(["2", "4", "3"]);
  });
});
