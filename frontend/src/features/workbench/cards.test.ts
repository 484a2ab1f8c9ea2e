import { describe, expect, it } from "vitest";
import { cardDefinition, cardOrder, fallbackTitle } from "./cards";

describe("workbench card registry", () => {
  it("knows the server's customer cards, with a follow-up action where a call is due", () => {
    const due = cardDefinition("customers.follow_ups_due_today");
    expect(due.generic).toBeUndefined();
    expect(due.title).toBe("workbench:cards.customers.follow_ups_due_today.title");
    expect(due.action).toEqual({ kind: "follow_up", permission: "follow_ups:create" });
    expect(cardDefinition("customers.follow_ups_overdue").time).toBe("overdue");
    expect(cardDefinition("customers.new_this_week").action).toBeUndefined();
    expect(cardDefinition("recent.changed_by_me").viewAll).toBeUndefined();
  });

  it("lists the approvals waiting for the user's decision, leading to their inbox", () => {
    const card = cardDefinition("approvals.waiting_for_me");
    expect(card.generic).toBeUndefined();
    expect(card.action).toBeUndefined();
    expect(card.viewAll?.({ reach: "mine", now: new Date(), zone: "Asia/Shanghai" })).toBe("/approvals");
  });

  it("shows the payments due, leading to the receivables page", () => {
    const card = cardDefinition("payments.due");
    expect(card.generic).toBeUndefined();
    expect(card.title).toBe("workbench:cards.payments.due.title");
    expect(card.time).toBe("due");
    expect(card.viewAll?.({ reach: "team", now: new Date(), zone: "Asia/Shanghai" })).toBe("/receivables");
  });

  it("shows a key it does not know as a plain card: no action, no list, a readable title", () => {
    const card = cardDefinition("pipeline.deals_closing");
    expect(card.generic).toBe(true);
    expect(card.key).toBe("pipeline.deals_closing");
    expect(card.action).toBeUndefined();
    expect(card.viewAll).toBeUndefined();
    expect(card.time).toBe("ago");
    expect(card.title).toBe("workbench:cards.pipeline.deals_closing.title");
    expect(fallbackTitle("pipeline.deals_closing")).toBe("pipeline · deals closing");
  });

  it("puts late work first and unknown cards after the known ones", () => {
    const keys = ["recent.changed_by_me", "approvals.waiting", "customers.follow_ups_due_today", "customers.follow_ups_overdue"];
    expect([...keys].sort((a, b) => cardOrder(a) - cardOrder(b))).toEqual([
      "customers.follow_ups_overdue",
      "customers.follow_ups_due_today",
      "recent.changed_by_me",
      "approvals.waiting",
    ]);
  });

  it("links each customer card's 'view all' to the list with its filter and scope", () => {
    const now = new Date("2026-12-06T02:00:00Z");
    const mine = { reach: "mine" as const, now, zone: "Asia/Shanghai" };
    expect(cardDefinition("customers.follow_ups_due_today").viewAll?.(mine)).toBe("/customers?quick=due_today&pool=mine&sort=next_follow_up_at");
    expect(cardDefinition("customers.follow_ups_overdue").viewAll?.({ ...mine, reach: "team", ownerId: "u1" })).toBe(
      "/customers?quick=overdue&owner_id=u1&sort=next_follow_up_at",
    );
    // Sunday 6 December in Shanghai: the week began on Monday 30 November.
    expect(cardDefinition("customers.new_this_week").viewAll?.(mine)).toBe("/customers?created_at_from=2026-11-30&pool=mine&sort=-created_at");
  });
});
