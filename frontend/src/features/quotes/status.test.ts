import { describe, expect, it } from "vitest";
import { actionsFrom, ORDER_ACTIONS, QUOTE_ACTIONS } from "./status";

describe("status actions", () => {
  it("offers a quote's legal moves only", () => {
    expect(actionsFrom(QUOTE_ACTIONS, "draft").map((a) => a.to)).toEqual(["sent"]);
    expect(actionsFrom(QUOTE_ACTIONS, "sent").map((a) => a.to)).toEqual(["accepted", "rejected", "expired"]);
    expect(actionsFrom(QUOTE_ACTIONS, "accepted")).toEqual([]);
    expect(actionsFrom(QUOTE_ACTIONS, "rejected").map((a) => a.to)).toEqual(["draft"]);
    expect(actionsFrom(QUOTE_ACTIONS, "expired").map((a) => a.to)).toEqual(["draft"]);
  });

  it("offers an order's legal moves only", () => {
    expect(actionsFrom(ORDER_ACTIONS, "draft").map((a) => a.to)).toEqual(["confirmed", "cancelled"]);
    expect(actionsFrom(ORDER_ACTIONS, "confirmed").map((a) => a.to)).toEqual(["delivered", "cancelled"]);
    expect(actionsFrom(ORDER_ACTIONS, "delivered").map((a) => a.to)).toEqual(["closed"]);
    expect(actionsFrom(ORDER_ACTIONS, "closed")).toEqual([]);
    expect(actionsFrom(ORDER_ACTIONS, "cancelled")).toEqual([]);
  });
});
