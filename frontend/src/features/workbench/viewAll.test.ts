import { describe, expect, it } from "vitest";
import { customerListUrl, dateIn, opportunityListUrl, weekStartDate } from "./viewAll";

describe("customer list links", () => {
  it("names the quick filter, and whose customers: mine, the team's, one rep's", () => {
    expect(customerListUrl({ quick: "due_today" }, { reach: "mine" })).toBe("/customers?quick=due_today&pool=mine");
    expect(customerListUrl({ quick: "overdue" }, { reach: "team" })).toBe("/customers?quick=overdue&pool=all");
    expect(customerListUrl({ quick: "overdue", sort: "next_follow_up_at" }, { reach: "team", ownerId: "abc" })).toBe(
      "/customers?quick=overdue&owner_id=abc&sort=next_follow_up_at",
    );
  });

  it("takes the week's first day in the user's zone, Monday", () => {
    // 2026-12-06 17:30 UTC is Monday 7 December 01:30 in Shanghai, still Sunday in UTC.
    const at = new Date("2026-12-06T17:30:00Z");
    expect(weekStartDate(at, "Asia/Shanghai")).toBe("2026-12-07");
    expect(weekStartDate(at, "UTC")).toBe("2026-11-30");
    expect(weekStartDate(new Date("2026-12-02T12:00:00Z"), "America/New_York")).toBe("2026-11-30");
    expect(dateIn(at, "America/Los_Angeles")).toBe("2026-12-06");
  });

  it("puts a week start date in the list's created_at_from", () => {
    expect(customerListUrl({ created_at_from: "2026-11-30", sort: "-created_at" }, { reach: "mine" })).toBe("/customers?created_at_from=2026-11-30&pool=mine&sort=-created_at");
  });
});

describe("opportunityListUrl", () => {
  it("narrows mine to the user and the team to one rep when asked", () => {
    expect(opportunityListUrl({ status: "open", sort: "-amount" }, { reach: "mine", userId: "u1" })).toBe("/opportunities?status=open&owner_id=u1&sort=-amount");
    expect(opportunityListUrl({ expired: "true" }, { reach: "team", userId: "u1" })).toBe("/opportunities?expired=true");
    expect(opportunityListUrl({ status: "won" }, { reach: "team", userId: "u1", ownerId: "u2" })).toBe("/opportunities?status=won&owner_id=u2");
  });
});
