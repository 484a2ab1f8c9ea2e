import { describe, expect, it } from "vitest";
import { allowedPoolActions, poolActions } from "./pools";

describe("pool actions", () => {
  it("offers the moves each pool allows", () => {
    expect(poolActions("public")).toEqual(["claim", "invalidate"]);
    expect(poolActions("potential")).toEqual(["release", "invalidate"]);
    expect(poolActions("won")).toEqual(["release", "invalidate"]);
    expect(poolActions("invalid")).toEqual(["revalidate"]);
  });

  it("keeps only the moves the user is permitted", () => {
    const can = (p: string) => p === "customers:claim";
    expect(allowedPoolActions("public", can)).toEqual(["claim"]);
    expect(allowedPoolActions("potential", can)).toEqual([]);
  });

  it("lets only users who see all data invalidate a public customer", () => {
    const can = () => true;
    expect(allowedPoolActions("public", can)).toEqual(["claim"]);
    expect(allowedPoolActions("public", can, true)).toEqual(["claim", "invalidate"]);
    expect(allowedPoolActions("potential", can)).toEqual(["release", "invalidate"]);
  });
});
