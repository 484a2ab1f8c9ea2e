import { describe, expect, it } from "vitest";
import { dayIn } from "../../shared/timeZone";
import { formatQuickFilters, parseQuickFilters, quickFilterParams } from "./quickFilters";

describe("days in a time zone", () => {
  it("starts Shanghai's day at 16:00 UTC the day before", () => {
    const day = dayIn(new Date("2026-12-06T01:30:00Z"), "Asia/Shanghai");
    expect(day.start.toISOString()).toBe("2026-12-05T16:00:00.000Z");
    expect(day.end.toISOString()).toBe("2026-12-06T15:59:59.999Z");
  });

  it("takes the calendar day the instant falls on in the zone, not in UTC", () => {
    // 20:00 on the 5th in Los Angeles is already the 6th in UTC.
    const day = dayIn(new Date("2026-12-06T04:00:00Z"), "America/Los_Angeles");
    expect(day.start.toISOString()).toBe("2026-12-05T08:00:00.000Z");
    expect(day.end.toISOString()).toBe("2026-12-06T07:59:59.999Z");
  });

  it("has 23 and 25 hour days where the clocks change", () => {
    const spring = dayIn(new Date("2026-03-08T18:00:00Z"), "America/New_York");
    expect(spring.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(spring.end.toISOString()).toBe("2026-03-09T03:59:59.999Z");
    const autumn = dayIn(new Date("2026-10-25T12:00:00Z"), "Europe/Berlin");
    expect(autumn.start.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(autumn.end.toISOString()).toBe("2026-10-25T22:59:59.999Z");
  });

  it("handles half-hour zones and UTC", () => {
    expect(dayIn(new Date("2026-12-06T20:00:00Z"), "Asia/Kolkata").start.toISOString()).toBe("2026-12-06T18:30:00.000Z");
    expect(dayIn(new Date("2026-12-06T23:59:59Z"), "UTC").start.toISOString()).toBe("2026-12-06T00:00:00.000Z");
  });

  it("starts a day whose midnight is skipped at the jump", () => {
    // Santiago moves 00:00 to 01:00 on 2026-09-06.
    expect(dayIn(new Date("2026-09-06T15:00:00Z"), "America/Santiago").start.toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});

describe("quick filters", () => {
  const now = new Date("2026-12-06T01:30:00Z");

  it("asks for follow-ups due in the user's today, in UTC", () => {
    expect(quickFilterParams({ due_today: true }, now, "Asia/Shanghai")).toEqual({
      next_follow_up_at_from: "2026-12-05T16:00:00.000Z",
      next_follow_up_at_to: "2026-12-06T15:59:59.999Z",
      no_follow_up_since: undefined,
    });
    // The same instant is still the 5th in New York.
    expect(quickFilterParams({ due_today: true }, now, "America/New_York")).toMatchObject({
      next_follow_up_at_from: "2026-12-05T05:00:00.000Z",
      next_follow_up_at_to: "2026-12-06T04:59:59.999Z",
    });
  });

  it("reads overdue as due before now, whatever the zone", () => {
    expect(quickFilterParams({ overdue: true }, now, "Asia/Shanghai")).toEqual({
      next_follow_up_at_from: undefined,
      next_follow_up_at_to: "2026-12-06T01:30:00.000Z",
      no_follow_up_since: undefined,
    });
  });

  it("narrows due today and overdue to each other: due earlier today", () => {
    expect(quickFilterParams({ due_today: true, overdue: true }, now, "Asia/Shanghai")).toMatchObject({
      next_follow_up_at_from: "2026-12-05T16:00:00.000Z",
      next_follow_up_at_to: "2026-12-06T01:30:00.000Z",
    });
  });

  it("counts N days back from now for no follow-up", () => {
    expect(quickFilterParams({ idle: 7 }, now, "UTC").no_follow_up_since).toBe("2026-11-29T01:30:00.000Z");
    expect(quickFilterParams({ idle: 30 }, now, "UTC").no_follow_up_since).toBe("2026-11-06T01:30:00.000Z");
  });

  it("keeps the filters by name in the URL and ignores unknown ones", () => {
    expect(formatQuickFilters({ due_today: true, idle: 15 })).toBe("due_today,idle_15");
    expect(formatQuickFilters({})).toBeUndefined();
    expect(parseQuickFilters("due_today, overdue,idle_15")).toEqual({ due_today: true, overdue: true, idle: 15 });
    expect(parseQuickFilters("idle_8,mars")).toEqual({});
    expect(parseQuickFilters(undefined)).toEqual({});
  });
});
