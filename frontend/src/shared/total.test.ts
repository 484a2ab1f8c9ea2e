import { describe, expect, it } from "vitest";
import { totalDisplay } from "./total";

describe("list totals", () => {
  it("shows an exact total with digit grouping", () => {
    expect(totalDisplay(1234, true, "en")).toEqual({ count: "1,234", atLeast: false });
    expect(totalDisplay(7, undefined, "zh-CN")).toEqual({ count: "7", atLeast: false });
  });

  it("marks a capped total as a lower bound only when the server says it is not exact", () => {
    expect(totalDisplay(10000, false, "en")).toEqual({ count: "10,000", atLeast: true });
    expect(totalDisplay(10000, false, "zh-CN")).toEqual({ count: "10,000", atLeast: true });
    expect(totalDisplay(10000, undefined, "en").atLeast).toBe(false);
  });
});
