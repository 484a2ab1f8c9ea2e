import type { Import, ImportRowFailure, ImportStatus } from "./types";

/** The states an import passes through, in order. */
export const IMPORT_STATUSES: readonly ImportStatus[] = ["queued", "running", "done", "failed"];

/** Whether the import has stopped moving: nothing more to poll. */
export function isFinished(status: ImportStatus | undefined): boolean {
  return status === "done" || status === "failed";
}

/** How often to ask again about an import under way (ms); false once it has finished. */
export function pollInterval(imp: Pick<Import, "status"> | undefined, elapsedMs = 0): number | false {
  if (!imp || isFinished(imp.status)) return false;
  // Quick at first (a small file is done in a moment), then easing off for a big one.
  return elapsedMs < 10_000 ? 700 : elapsedMs < 60_000 ? 2_000 : 5_000;
}

/** The tag colour of a status. */
export function statusColor(status: ImportStatus): string {
  switch (status) {
    case "queued":
      return "default";
    case "running":
      return "processing";
    case "done":
      return "success";
    case "failed":
      return "error";
  }
}

/**
 * How far a commit has gone, 0–100: rows read of the rows the dry run counted (when known);
 * 100 once finished. Under way it stays below 100.
 */
export function progressPercent(imp: Pick<Import, "status" | "rows_read">, expectedRows?: number): number {
  if (isFinished(imp.status)) return 100;
  if (imp.status === "queued") return 0;
  if (!expectedRows || expectedRows <= 0) return 5;
  return Math.max(1, Math.min(99, Math.floor((imp.rows_read / expectedRows) * 100)));
}

/** One line per cell problem, for the errors table: row number, column, field, code and message. */
export type FailureLine = { key: string; row: number; column: string | null; field: string | null; code: string; message: string };

export function failureLines(failures: readonly ImportRowFailure[]): FailureLine[] {
  return failures.flatMap((failure) =>
    failure.errors.map((error, i) => ({
      key: `${failure.row}-${i}`,
      row: failure.row,
      column: error.column ?? null,
      field: error.field ?? null,
      code: error.code,
      message: error.message,
    })),
  );
}

/** Row error codes with a label of their own under `imports:codes` (the others fall back to the field texts). */
export const ROW_CODES = ["required", "invalid_number", "invalid_bool", "invalid_date", "unknown_choice", "not_found", "duplicate", "invalid", "not_written", "too_long", "duplicate_ambiguous", "duplicate_forbidden"] as const;

export function hasRowCodeLabel(code: string): boolean {
  return (ROW_CODES as readonly string[]).includes(code);
}

/** Whether an import's counts include updated records: it was asked to update, or did. */
export function showsUpdated(imp: Pick<Import, "on_duplicate" | "updated">): boolean {
  return imp.on_duplicate === "update" || imp.updated > 0;
}

/** A duration for people: 850 ms, 12.3 s, 2 min 5 s. */
export function durationParts(ms: number | null | undefined): { unit: "ms" | "s" | "min"; value: number; seconds?: number } | null {
  if (ms === null || ms === undefined || ms < 0) return null;
  if (ms < 1000) return { unit: "ms", value: Math.round(ms) };
  if (ms < 60_000) return { unit: "s", value: Math.round(ms / 100) / 10 };
  return { unit: "min", value: Math.floor(ms / 60_000), seconds: Math.round((ms % 60_000) / 1000) };
}
