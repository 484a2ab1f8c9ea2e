import { describe, expect, it } from "vitest";
import type { FunnelStage } from "./api";
import { forecastOption, funnelOption, groupOption, num } from "./chartOptions";

const labels = { count: "count", amount: "amount", weighted: "weighted", won: "won", money: (v: string | number) => `¥${v}` };
const stage = (name: string, count: number, amount: string): FunnelStage => ({
  stage: { id: name, name_zh: name, name_en: name, probability: 10, sort_order: 1, kind: "open", version: 1, created_at: "", updated_at: "" },
  count,
  amount,
  weighted_amount: "1.00",
  reached: count,
});

describe("report charts", () => {
  it("keeps the funnel in board order", () => {
    const option = funnelOption([stage("B", 1, "5.00"), stage("A", 9, "1.00")], (s) => s.stage.name_en, labels);
    expect(option.series[0]?.sort).toBe("none");
    expect(option.series[0]?.data.map((d) => [d.name, d.value])).toEqual([["B", 1], ["A", 9]]);
    expect(option.legend.data).toEqual(["B", "A"]);
  });

  it("draws the forecast's three amounts per period", () => {
    const option = forecastOption(
      { period: "month", rows: [{ period: "2026-12", open_count: 2, amount: "100.50", weighted_amount: "50.25", won_count: 1, won_amount: "7.00" }] },
      labels,
    );
    expect(option.xAxis.data).toEqual(["2026-12"]);
    expect(option.series.map((s) => s.data)).toEqual([[100.5], [50.25], [7]]);
  });

  it("puts the largest group on top", () => {
    const rows = [
      { key: "a", name: "A", count: 2, amount: "300.00", weighted_amount: "30.00" },
      { key: "b", name: "B", count: 1, amount: "100.00", weighted_amount: "10.00" },
    ];
    const option = groupOption(rows, (r) => r.name ?? "", labels);
    expect(option.yAxis.data).toEqual(["B", "A"]);
    expect(num("x")).toBe(0);
  });
});
