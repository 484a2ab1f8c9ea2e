import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { isOverdue, quickTime, relativeDay } from "./followUpTimes";

const FORMAT = "YYYY-MM-DD HH:mm:ss";

describe("quick follow-up times", () => {
  const now = dayjs("2026-12-06T16:45:12");

  it("plans tomorrow, in three days and next week at 09:00", () => {
    expect(quickTime("tomorrow", now).format(FORMAT)).toBe("2026-12-07 09:00:00");
    expect(quickTime("in3days", now).format(FORMAT)).toBe("2026-12-09 09:00:00");
    expect(quickTime("nextWeek", now).format(FORMAT)).toBe("2026-12-13 09:00:00");
  });

  it("counts from today even just before midnight, across a month's end", () => {
    expect(quickTime("tomorrow", dayjs("2026-12-31T23:59:59")).format(FORMAT)).toBe("2027-01-01 09:00:00");
    expect(quickTime("in3days", dayjs("2026-02-27T00:00:01")).format(FORMAT)).toBe("2026-03-02 09:00:00");
  });
});

describe("relative days", () => {
  const now = dayjs("2026-12-06T10:00:00");

  it("names today, tomorrow and yesterday by calendar day, not by 24 hours", () => {
    expect(relativeDay(dayjs("2026-12-06T23:00:00"), now)).toEqual({ key: "today", count: 0 });
    expect(relativeDay(dayjs("2026-12-07T00:30:00"), now)).toEqual({ key: "tomorrow", count: 1 });
    expect(relativeDay(dayjs("2026-12-05T23:59:00"), now)).toEqual({ key: "yesterday", count: 1 });
  });

  it("counts days further away", () => {
    expect(relativeDay(dayjs("2026-12-13T09:00:00"), now)).toEqual({ key: "inDays", count: 7 });
    expect(relativeDay(dayjs("2026-11-30T09:00:00"), now)).toEqual({ key: "daysAgo", count: 6 });
  });

  it("calls a passed planned time overdue, a missing one not", () => {
    expect(isOverdue("2026-12-06T09:59:00", now)).toBe(true);
    expect(isOverdue("2026-12-06T10:01:00", now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
  });
});
