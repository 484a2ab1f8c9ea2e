// A sales plan's period as the API writes it: a month `2026-12`, a quarter `2026-Q4` or a year `2026`.

export type PeriodKind = "month" | "quarter" | "year";
export const PERIOD_KINDS: readonly PeriodKind[] = ["month", "quarter", "year"];

export type PeriodParts = { kind: PeriodKind; year: number; /** 1–12 for a month, 1–4 for a quarter. */ part?: number };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** The parts of a period string, or undefined for anything the API would refuse. */
export function parsePeriod(period: string): PeriodParts | undefined {
  const value = period.trim();
  let m = MONTH.exec(value);
  if (m) return { kind: "month", year: Number(m[1]), part: Number(m[2]) };
  m = QUARTER.exec(value);
  if (m) return { kind: "quarter", year: Number(m[1]), part: Number(m[2]) };
  m = YEAR.exec(value);
  if (m) return { kind: "year", year: Number(m[1]) };
  return undefined;
}

export function periodKind(period: string): PeriodKind | undefined {
  return parsePeriod(period)?.kind;
}

/** `{month, 2026, 3}` → `2026-03`; `{quarter, 2026, 4}` → `2026-Q4`; `{year, 2026}` → `2026`. */
export function formatPeriod({ kind, year, part }: PeriodParts): string {
  if (kind === "year") return String(year);
  if (kind === "quarter") return `${year}-Q${part ?? 1}`;
  return `${year}-${String(part ?? 1).padStart(2, "0")}`;
}

/** The period of `kind` that holds the date (the user's local calendar). */
export function currentPeriod(kind: PeriodKind, now = new Date()): string {
  const year = now.getFullYear();
  const month = now.getMonth() + 1;
  return formatPeriod({ kind, year, part: kind === "quarter" ? Math.ceil(month / 3) : month });
}

/** Every period of a year, the year first, then its quarters, then its months: the filter's choices. */
export function periodsOfYear(year: number): string[] {
  return [
    String(year),
    ...[1, 2, 3, 4].map((q) => formatPeriod({ kind: "quarter", year, part: q })),
    ...Array.from({ length: 12 }, (_, i) => formatPeriod({ kind: "month", year, part: i + 1 })),
  ];
}

/** A few years around this one, latest first, for pickers. */
export function yearChoices(now = new Date(), back = 3, ahead = 1): number[] {
  const year = now.getFullYear();
  return Array.from({ length: back + ahead + 1 }, (_, i) => year + ahead - i);
}
