import { describe, expect, it } from "vitest";
import { customerEmptyReason } from "./emptyState";

describe("the customer list's empty state", () => {
  it("names the filters whatever the tab", () => {
    expect(customerEmptyReason(0, ["关键字", "已逾期"], "public")).toEqual({ kind: "filtered", filters: ["关键字", "已逾期"] });
    expect(customerEmptyReason(0, ["城市"], "mine")).toEqual({ kind: "filtered", filters: ["城市"] });
  });

  it("explains the public pool to a rep who finds it empty", () => {
    expect(customerEmptyReason(0, [], "public")).toEqual({ kind: "public" });
  });

  it("offers one's own first customer on the mine tab and the first customer at all on 'all'", () => {
    expect(customerEmptyReason(0, [], "mine")).toEqual({ kind: "mine" });
    expect(customerEmptyReason(0, [], "all")).toEqual({ kind: "blank" });
    expect(customerEmptyReason(0, [], "won")).toEqual({ kind: "pool" });
  });

  it("says nothing while loading or with rows", () => {
    expect(customerEmptyReason(undefined, [], "all")).toBeNull();
    expect(customerEmptyReason(2, ["城市"], "all")).toBeNull();
  });
});
