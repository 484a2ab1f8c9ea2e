import dayjs from "dayjs";

/** A timestamp from the API in the browser's time zone, or the placeholder. */
export function formatDateTime(value: string | null | undefined, none = "—"): string {
  if (!value) return none;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD HH:mm:ss") : value;
}

/** A timestamp to the minute, for tables where seconds are noise and width is short. */
export function formatDateTimeShort(value: string | null | undefined, none = "—"): string {
  if (!value) return none;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD HH:mm") : value;
}

/** Any JSON value from an audit diff as short text. */
export function formatValue(value: unknown, none = "—"): string {
  if (value === null || value === undefined || value === "") return none;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

/** A size in bytes as people read it, in binary steps: 0 B, 980 B, 1.5 MB, 10 GB (one decimal at most). */
export function formatBytes(bytes: number | null | undefined, none = "—"): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return none;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.96 KB would round to "1024 KB": say 1 MB instead.
  if (unit < BYTE_UNITS.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
  return `${text} ${BYTE_UNITS[unit]}`;
}
