import { describe, expect, it } from "vitest";
import { isoWeek, mondayOfWeek, recentWeeks, weekMonday } from "./isoWeek";

describe("ISO weeks", () => {
  it("numbers weeks as ISO 8601 does", () => {
    expect(isoWeek(new Date(2026, 11, 6))).toBe("2026-W49"); // a Sunday
    expect(isoWeek(new Date(2026, 10, 30))).toBe("2026-W49"); // its Monday
    expect(isoWeek(new Date(2026, 11, 7))).toBe("2026-W50");
    expect(isoWeek(new Date(2021, 0, 3))).toBe("2020-W53");
    expect(isoWeek(new Date(2024, 11, 30))).toBe("2025-W01");
  });

  it("finds a week's Monday both ways", () => {
    expect(weekMonday(new Date(2026, 11, 6))).toBe("2026-11-30");
    expect(mondayOfWeek("2026-W49")?.toISOString().slice(0, 10)).toBe("2026-11-30");
    expect(mondayOfWeek("2025-W01")?.toISOString().slice(0, 10)).toBe("2024-12-30");
    expect(mondayOfWeek("2026-W54")).toBeUndefined();
    expect(mondayOfWeek("nonsense")).toBeUndefined();
  });

  it("offers this week first, then the ones before", () => {
    const weeks = recentWeeks(new Date(2026, 11, 6), 2);
    expect(weeks.map((w) => w.week)).toEqual(["2026-W49", "2026-W48", "2026-W47"]);
    expect(weeks[0]).toEqual({ week: "2026-W49", monday: "2026-11-30", sunday: "2026-12-06" });
  });
});
