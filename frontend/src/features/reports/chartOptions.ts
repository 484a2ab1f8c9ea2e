import type { Forecast, FunnelStage, GroupRow } from "./api";

// The charts' options from the API's answers, kept free of echarts itself so they are tested
// without a canvas (and typed loosely here; EChart checks them against its option type).

/** A decimal string as a chart value (charts only draw it; the tables show the exact text). */
export function num(value: string | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

type Labels = { count: string; amount: string; weighted: string; won: string; money: (value: string | number) => string };

/** The funnel: the open stages in board order (the API's), sized by how many are in each. */
export function funnelOption(stages: readonly FunnelStage[], name: (stage: FunnelStage) => string, labels: Labels) {
  const data = stages.map((s) => ({ name: name(s), value: s.count, amount: s.amount, weighted: s.weighted_amount }));
  return {
    tooltip: {
      trigger: "item" as const,
      formatter: (params: unknown) => {
        const p = params as { name: string; value: number; data: { amount: string; weighted: string } };
        return `${p.name}<br/>${labels.count}: ${p.value}<br/>${labels.amount}: ${labels.money(p.data.amount)}<br/>${labels.weighted}: ${labels.money(p.data.weighted)}`;
      },
    },
    legend: { type: "scroll" as const, bottom: 0, data: data.map((d) => d.name) },
    series: [
      {
        type: "funnel" as const,
        name: labels.count,
        sort: "none" as const,
        left: "10%",
        width: "80%",
        top: 10,
        bottom: 40,
        minSize: "30%",
        label: { show: true, position: "inside" as const, formatter: "{b}: {c}" },
        data,
      },
    ],
  };
}

/** The forecast per period: what is open (its amount and weighted amount) beside what was won. */
export function forecastOption(forecast: Forecast, labels: Labels) {
  const periods = forecast.rows.map((r) => r.period);
  return {
    tooltip: { trigger: "axis" as const, valueFormatter: (v: unknown) => labels.money(Number(v)) },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: "category" as const, data: periods },
    yAxis: { type: "value" as const },
    series: [
      { type: "bar" as const, name: labels.amount, data: forecast.rows.map((r) => num(r.amount)) },
      { type: "bar" as const, name: labels.weighted, data: forecast.rows.map((r) => num(r.weighted_amount)) },
      { type: "bar" as const, name: labels.won, data: forecast.rows.map((r) => num(r.won_amount)) },
    ],
  };
}

/** Opportunities by group: a horizontal bar per group, the largest amount on top. */
export function groupOption(rows: readonly GroupRow[], name: (row: GroupRow) => string, labels: Labels) {
  const shown = rows.slice(0, 15).reverse();
  return {
    tooltip: { trigger: "axis" as const, valueFormatter: (v: unknown) => labels.money(Number(v)) },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: "value" as const },
    yAxis: { type: "category" as const, data: shown.map(name), axisLabel: { width: 110, overflow: "truncate" as const } },
    series: [
      { type: "bar" as const, name: labels.amount, data: shown.map((r) => num(r.amount)) },
      { type: "bar" as const, name: labels.weighted, data: shown.map((r) => num(r.weighted_amount)) },
    ],
  };
}
