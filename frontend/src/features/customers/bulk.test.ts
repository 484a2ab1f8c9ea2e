import { describe, expect, it } from "vitest";
import { bulkActions, ineligible } from "./bulk";

const all = () => true;

describe("bulk actions", () => {
  it("offers assign only in the public pool tab", () => {
    expect(bulkActions("public", all)).toEqual(["assign"]);
    expect(bulkActions("all", all)).toEqual(["transfer", "release"]);
    expect(bulkActions("potential", all)).toEqual(["transfer", "release"]);
    expect(bulkActions("invalid", all)).toEqual([]);
  });

  it("keeps only the permitted actions", () => {
    const rep = (p: string) => p === "customers:release";
    expect(bulkActions("potential", rep)).toEqual(["release"]);
    expect(bulkActions("public", rep)).toEqual([]);
  });

  it("counts the selected customers an action cannot take", () => {
    const selected = [{ pool: "potential" }, { pool: "public" }, { pool: "won" }];
    expect(ineligible("transfer", selected)).toBe(1);
    expect(ineligible("release", selected)).toBe(1);
    expect(ineligible("assign", selected)).toBe(2);
    expect(ineligible("transfer", [])).toBe(0);
  });
});
