import { dayIn } from "../../shared/timeZone";

// The time beside a card's item, as a rep reads it: "2 小时后", "逾期 3 天", "3 天前". The text is
// built from an amount ("2 小时", "3 days") put into a phrase, so each language orders the words
// its own way (“in 2 h” / “2 小时后”).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How an item's time reads on its card. */
export type TimeStyle =
  /** A planned follow-up: "in 2 h", or "2 h late" once the hour passed. */
  | "due"
  /** Follow-ups planned before today: whole calendar days late, in the user's zone. */
  | "overdue"
  /** When the pool rules take the customer back. */
  | "returning"
  /** Something that happened: "3 days ago". */
  | "ago";

export type Amount = { unit: "minute" | "hour" | "day"; count: number };

/** A translation key and its values; the caller's `t` makes the text. */
export type TimeText = { key: string; amount?: Amount };

/** A span of time in the largest whole unit: minutes under an hour, hours under a day, else days. */
export function amountOf(ms: number): Amount {
  const span = Math.abs(ms);
  if (span < HOUR) return { unit: "minute", count: Math.max(1, Math.floor(span / MINUTE)) };
  if (span < DAY) return { unit: "hour", count: Math.floor(span / HOUR) };
  return { unit: "day", count: Math.floor(span / DAY) };
}

/** Whole calendar days from the day of `at` to the day of `now`, in `zone` (DST days count as one). */
export function calendarDaysBetween(at: Date, now: Date, zone: string): number {
  return Math.round((dayIn(now, zone).start.getTime() - dayIn(at, zone).start.getTime()) / DAY);
}

export function relativeTime(at: string | null | undefined, now: Date, zone: string, style: TimeStyle): TimeText | undefined {
  if (!at) return undefined;
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return undefined;
  const ms = when.getTime() - now.getTime();
  switch (style) {
    case "overdue":
      return { key: "workbench:time.overdue", amount: { unit: "day", count: Math.max(1, calendarDaysBetween(when, now, zone)) } };
    case "due":
      if (Math.abs(ms) < MINUTE) return { key: "workbench:time.now" };
      return { key: ms > 0 ? "workbench:time.dueIn" : "workbench:time.late", amount: amountOf(ms) };
    case "returning":
      // Past its time, a customer goes back at the rules' next sweep.
      return ms > 0 ? { key: "workbench:time.returnsIn", amount: amountOf(ms) } : { key: "workbench:time.returnsSoon" };
    case "ago":
      if (ms > -MINUTE) return { key: "workbench:time.justNow" };
      return { key: "workbench:time.ago", amount: amountOf(ms) };
  }
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The text of a `relativeTime` answer in the UI's language. */
export function timeText(t: Translate, text: TimeText): string {
  if (!text.amount) return t(text.key);
  const amount = t(`workbench:units.${text.amount.unit}`, { count: text.amount.count });
  return t(text.key, { amount });
}
