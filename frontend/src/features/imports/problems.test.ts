import { describe, expect, it } from "vitest";
import { problemKey, sortProblems } from "./problems";

describe("a refused import's field errors", () => {
  it("go to the file, a column of the mapping, the missing fields or the rest", () => {
    const sorted = sortProblems(
      [
        { field: "file", code: "unreadable", message: "x" },
        { field: "mapping.Foo", code: "unknown_field", message: "x" },
        { field: "columns.行业", code: "duplicate", message: "x" },
        { field: "columns.name", code: "missing", message: "x" },
        { field: "on_duplicate", code: "unsupported", message: "x" },
      ],
      ["Foo", "行业"],
    );
    expect(sorted.file.map((e) => e.code)).toEqual(["unreadable"]);
    expect(Object.keys(sorted.byHeader)).toEqual(["Foo", "行业"]);
    expect(sorted.missing).toEqual(["name"]);
    expect(sorted.other.map((e) => e.field)).toEqual(["on_duplicate"]);
  });

  it("have wizard texts for the documented codes only", () => {
    expect(problemKey({ field: "mapping.公司", code: "unknown_column" })).toBe("mapping_unknown_column");
    expect(problemKey({ field: "file", code: "empty" })).toBe("file_empty");
    expect(problemKey({ field: "columns.x", code: "brand_new" })).toBeUndefined();
  });
});
