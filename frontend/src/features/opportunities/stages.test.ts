import { describe, expect, it } from "vitest";
import type { PipelineStage } from "./api";
import { durationParts, isExpired, stageBarOrder, stageName } from "./stages";

const stage = (id: string, kind: PipelineStage["kind"], sort_order: number): PipelineStage => ({
  id,
  kind,
  sort_order,
  name_zh: `阶段${id}`,
  name_en: `Stage ${id}`,
  probability: 0,
  version: 1,
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:00Z",
});

describe("stages", () => {
  it("names a stage in the UI language", () => {
    expect(stageName(stage("a", "open", 1), "zh-CN")).toBe("阶段a");
    expect(stageName(stage("a", "open", 1), "en")).toBe("Stage a");
    expect(stageName({ name_zh: "赢单", name_en: null }, "en")).toBe("赢单");
  });

  it("orders the bar: open stages, then won, then lost", () => {
    const order = stageBarOrder([stage("lost", "lost", 5), stage("b", "open", 2), stage("won", "won", 1), stage("a", "open", 1)]);
    expect(order.map((s) => s.id)).toEqual(["a", "b", "won", "lost"]);
  });

  it("calls open opportunities past their date expired", () => {
    expect(isExpired({ status: "open", expected_close_date: "2026-12-01" }, "2026-12-06")).toBe(true);
    expect(isExpired({ status: "won", expected_close_date: "2026-12-01" }, "2026-12-06")).toBe(false);
    expect(isExpired({ status: "open", expected_close_date: "2026-12-06" }, "2026-12-06")).toBe(false);
    expect(isExpired({ status: "open", expected_close_date: null }, "2026-12-06")).toBe(false);
  });

  it("reads a time in stage in the two largest units", () => {
    expect(durationParts(172800 + 3600 * 4 + 60)).toEqual([{ unit: "days", count: 2 }, { unit: "hours", count: 4 }]);
    expect(durationParts(172800)).toEqual([{ unit: "days", count: 2 }]);
    expect(durationParts(3660)).toEqual([{ unit: "hours", count: 1 }, { unit: "minutes", count: 1 }]);
    expect(durationParts(59)).toEqual([]);
  });
});
