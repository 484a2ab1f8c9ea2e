import type { AgeingReport, AgeingRow, ContractGroup, ContractGroupRow, ContractReport } from "./api";

// The receivables page's reports as tables and a chart: rows keyed for React, a name for every
// row (a missing group says so), the total kept apart for the table's summary row. Amounts stay
// decimal strings; only the chart turns them into numbers, to draw them.

export const AGEING_GROUPS = ["customer", "owner"] as const;
export const CONTRACT_GROUPS: readonly ContractGroup[] = ["month", "owner", "category", "customer"];

/** The ageing buckets in the order the table shows them, as the API names them. */
export const AGEING_BUCKETS = ["not_due", "days_0_30", "days_31_60", "days_61_90", "days_over_90", "overdue", "outstanding"] as const satisfies readonly (keyof AgeingRow)[];
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export type ShapedRow<R> = R & { rowKey: string; label: string };

/** The ageing rows with a key and a name (an owner or customer without a name reads `none`), and the total apart. */
export function ageingTable(report: AgeingReport | undefined, none: string): { rows: ShapedRow<AgeingRow>[]; total: AgeingRow | undefined } {
  if (!report) return { rows: [], total: undefined };
  const rows = report.rows.map((row, index) => ({ ...row, rowKey: row.key ?? `none-${index}`, label: row.name?.trim() || none }));
  return { rows, total: report.total };
}

/** A contract report group's name: a month as sent, a category in the UI's language, an owner's or customer's name. */
export function contractGroupName(row: Pick<ContractGroupRow, "key" | "name" | "name_en">, groupBy: ContractGroup, language: string, none: string): string {
  if (groupBy === "category" && !language.toLowerCase().startsWith("zh") && row.name_en) return row.name_en;
  return row.name?.trim() || (groupBy === "month" ? row.key : undefined) || none;
}

export function contractTable(report: ContractReport | undefined, groupBy: ContractGroup, language: string, none: string): { rows: ShapedRow<ContractGroupRow>[]; total: ContractGroupRow | undefined } {
  if (!report) return { rows: [], total: undefined };
  const rows = report.rows.map((row, index) => ({ ...row, rowKey: row.key ?? `none-${index}`, label: contractGroupName(row, groupBy, language, none) }));
  return { rows, total: report.total };
}

/** A decimal string as a chart value (the chart only draws it; the tables show the exact text). */
function num(value: string | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

type ChartLabels = { signed: string; received: string; outstanding: string; money: (value: string | number) => string };

/**
 * The contracts report as bars: signed, received and outstanding per group. Months read left to
 * right in time; other groups (largest first from the API) as horizontal bars, the largest on top,
 * at most 15.
 */
export function contractReportOption(rows: readonly ShapedRow<ContractGroupRow>[], groupBy: ContractGroup, labels: ChartLabels) {
  const byMonth = groupBy === "month";
  const shown = byMonth ? rows.slice(-24) : rows.slice(0, 15).reverse();
  const names = shown.map((row) => row.label);
  const series = [
    { type: "bar" as const, name: labels.signed, data: shown.map((r) => num(r.signed_amount)) },
    { type: "bar" as const, name: labels.received, data: shown.map((r) => num(r.received_amount)) },
    { type: "bar" as const, name: labels.outstanding, data: shown.map((r) => num(r.outstanding_amount)) },
  ];
  const category = { type: "category" as const, data: names, axisLabel: byMonth ? {} : { width: 110, overflow: "truncate" as const } };
  const value = { type: "value" as const };
  return {
    tooltip: { trigger: "axis" as const, valueFormatter: (v: unknown) => labels.money(Number(v).toFixed(2)) },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: byMonth ? category : value,
    yAxis: byMonth ? value : category,
    series,
  };
}
