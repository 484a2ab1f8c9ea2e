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
