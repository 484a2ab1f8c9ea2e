import { describe, expect, it } from "vitest";
import { durationParts, failureLines, isFinished, pollInterval, progressPercent, showsUpdated, statusColor } from "./status";

describe("an import's status", () => {
  it("polls until done or failed, slower as time goes by", () => {
    expect(pollInterval({ status: "queued" })).toBe(700);
    expect(pollInterval({ status: "running" }, 20_000)).toBe(2_000);
    expect(pollInterval({ status: "running" }, 120_000)).toBe(5_000);
    expect(pollInterval({ status: "done" })).toBe(false);
    expect(pollInterval({ status: "failed" })).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
    expect(isFinished("running")).toBe(false);
    expect(isFinished("done")).toBe(true);
  });

  it("counts updated records when asked to update, or when some were", () => {
    expect(showsUpdated({ on_duplicate: "update", updated: 0 })).toBe(true);
    expect(showsUpdated({ on_duplicate: "skip", updated: 0 })).toBe(false);
    expect(showsUpdated({ on_duplicate: "error", updated: 2 })).toBe(true);
  });

  it("colours each status", () => {
    expect(statusColor("queued")).toBe("default");
    expect(statusColor("running")).toBe("processing");
    expect(statusColor("done")).toBe("success");
    expect(statusColor("failed")).toBe("error");
  });

  it("measures progress against the dry run's rows, below 100 until finished", () => {
    expect(progressPercent({ status: "queued", rows_read: 0 }, 10)).toBe(0);
    expect(progressPercent({ status: "running", rows_read: 5 }, 10)).toBe(50);
    expect(progressPercent({ status: "running", rows_read: 10 }, 10)).toBe(99);
    expect(progressPercent({ status: "running", rows_read: 3 })).toBe(5);
    expect(progressPercent({ status: "done", rows_read: 10 }, 10)).toBe(100);
    expect(progressPercent({ status: "failed", rows_read: 1 }, 10)).toBe(100);
  });

  it("lists one line per cell problem", () => {
    const lines = failureLines([
      { row: 2, errors: [{ code: "unknown_choice", column: "行业", field: "industry", message: "'芯片' is not…" }] },
      { row: 3, errors: [{ code: "required", column: "客户名称", field: "name", message: "required" }, { code: "not_written", message: "the row was not written" }] },
    ]);
    expect(lines.map((l) => [l.key, l.row, l.column, l.code])).toEqual([
      ["2-0", 2, "行业", "unknown_choice"],
      ["3-0", 3, "客户名称", "required"],
      ["3-1", 3, null, "not_written"],
    ]);
  });

  it("splits a duration into a unit", () => {
    expect(durationParts(null)).toBeNull();
    expect(durationParts(850)).toEqual({ unit: "ms", value: 850 });
    expect(durationParts(12_345)).toEqual({ unit: "s", value: 12.3 });
    expect(durationParts(125_000)).toEqual({ unit: "min", value: 2, seconds: 5 });
  });
});
