import { describe, expect, it } from "vitest";
import { currentPeriod, formatPeriod, parsePeriod, periodKind, periodsOfYear, yearChoices } from "./periods";

describe("sales plan periods", () => {
  it("reads months, quarters and years", () => {
    expect(parsePeriod("2026-12")).toEqual({ kind: "month", year: 2026, part: 12 });
    expect(parsePeriod("2026-Q4")).toEqual({ kind: "quarter", year: 2026, part: 4 });
    expect(parsePeriod(" 2026 ")).toEqual({ kind: "year", year: 2026 });
    expect(parsePeriod("2026-13")).toBeUndefined();
    expect(parsePeriod("2026-Q5")).toBeUndefined();
    expect(periodKind("2027-01")).toBe("month");
  });

  it("writes them as the API does", () => {
    expect(formatPeriod({ kind: "month", year: 2026, part: 3 })).toBe("2026-03");
    expect(formatPeriod({ kind: "quarter", year: 2026, part: 2 })).toBe("2026-Q2");
    expect(formatPeriod({ kind: "year", year: 2026 })).toBe("2026");
  });

  it("knows the current period of each kind", () => {
    const now = new Date(2026, 11, 6);
    expect(currentPeriod("month", now)).toBe("2026-12");
    expect(currentPeriod("quarter", now)).toBe("2026-Q4");
    expect(currentPeriod("year", now)).toBe("2026");
    expect(currentPeriod("quarter", new Date(2026, 2, 31))).toBe("2026-Q1");
  });

  it("lists a year's periods and a few years", () => {
    const periods = periodsOfYear(2026);
    expect(periods).toHaveLength(17);
    expect(periods.slice(0, 2)).toEqual(["2026", "2026-Q1"]);
    expect(periods.at(-1)).toBe("2026-12");
    expect(yearChoices(new Date(2026, 0, 1))).toEqual([2027, 2026, 2025, 2024, 2023]);
  });
});
