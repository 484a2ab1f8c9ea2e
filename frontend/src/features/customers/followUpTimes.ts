import dayjs, { type Dayjs } from "dayjs";

export const QUICK_TIMES = ["tomorrow", "in3days", "nextWeek"] as const;
export type QuickTime = (typeof QUICK_TIMES)[number];

const QUICK_DAYS: Record<QuickTime, number> = { tomorrow: 1, in3days: 3, nextWeek: 7 };

/** The hour a planned follow-up starts at: the beginning of a working day, in the browser's zone. */
export const QUICK_TIME_HOUR = 9;

/**
 * A quick next-follow-up time: that many calendar days after today, at 09:00 local time. Counted
 * from the start of today, so a late-evening click still means tomorrow morning, and a day with a
 * daylight-saving change keeps 09:00 on the wall clock.
 */
export function quickTime(which: QuickTime, now: Dayjs = dayjs()): Dayjs {
  return now.startOf("day").add(QUICK_DAYS[which], "day").hour(QUICK_TIME_HOUR);
}

/** How far a time is from now in calendar days, as a `customers:due.*` key and its count. */
export type RelativeDay = { key: "today" | "tomorrow" | "yesterday" | "inDays" | "daysAgo"; count: number };

export function relativeDay(at: Dayjs, now: Dayjs = dayjs()): RelativeDay {
  const days = at.startOf("day").diff(now.startOf("day"), "day");
  if (days === 0) return { key: "today", count: 0 };
  if (days === 1) return { key: "tomorrow", count: 1 };
  if (days === -1) return { key: "yesterday", count: 1 };
  return days > 0 ? { key: "inDays", count: days } : { key: "daysAgo", count: -days };
}

/** A planned follow-up whose time has passed: due work the header shows in red. */
export function isOverdue(next: string | null | undefined, now: Dayjs = dayjs()): boolean {
  return !!next && dayjs(next).isBefore(now);
}
