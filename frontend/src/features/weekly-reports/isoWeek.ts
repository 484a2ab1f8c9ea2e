// ISO weeks (`2026-W49`): weeks start on Monday, and week 1 is the one holding the year's first Thursday.

const DAY = 86_400_000;

/** A calendar date as a UTC midnight, so day arithmetic ignores daylight saving. */
function utcDay(year: number, month0: number, day: number): Date {
  return new Date(Date.UTC(year, month0, day));
}

/** The Monday of the ISO week holding the (local) date, as `YYYY-MM-DD`. */
export function weekMonday(date: Date): string {
  const d = utcDay(date.getFullYear(), date.getMonth(), date.getDate());
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(d.getTime() - weekday * DAY).toISOString().slice(0, 10);
}

/** The ISO week of the (local) date: `2026-W49`. */
export function isoWeek(date: Date): string {
  const d = utcDay(date.getFullYear(), date.getMonth(), date.getDate());
  const weekday = (d.getUTCDay() + 6) % 7;
  // The week's Thursday decides its year.
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of an ISO week (`2026-W49` → 2026-11-30, UTC), or undefined for a malformed week. */
export function mondayOfWeek(week: string): Date | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return undefined;
  const jan4 = utcDay(year, 0, 4);
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY;
  return new Date(week1Monday + (n - 1) * 7 * DAY);
}

export type WeekChoice = { week: string; monday: string; sunday: string };

/** This week and the `back` weeks before it, latest first: what a report may be written for. */
export function recentWeeks(now = new Date(), back = 8): WeekChoice[] {
  const choices: WeekChoice[] = [];
  for (let i = 0; i <= back; i++) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7 * i);
    const week = isoWeek(day);
    const monday = mondayOfWeek(week)!;
    choices.push({ week, monday: monday.toISOString().slice(0, 10), sunday: new Date(monday.getTime() + 6 * DAY).toISOString().slice(0, 10) });
  }
  return choices;
}
