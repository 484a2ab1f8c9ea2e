import { dayIn } from "../../shared/timeZone";

/**
 * One-click filters on the follow-up times, kept in the URL (and saved views) by name, not as the
 * times they stand for: a link to "due today" opened tomorrow shows tomorrow's list.
 */
export const QUICK_FILTERS = ["due_today", "overdue", "idle"] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];

/** The choices of "no follow-up in N days". */
export const IDLE_DAYS = [7, 15, 30] as const;
export type IdleDays = (typeof IDLE_DAYS)[number];

export type QuickFilters = { due_today?: boolean; overdue?: boolean; idle?: IdleDays };

const DAY_MS = 86_400_000;

/** The URL parameter holding the quick filters: `quick=due_today,idle_7`. */
export const QUICK_PARAM = "quick";

export function formatQuickFilters(quick: QuickFilters): string | undefined {
  const parts = [quick.due_today && "due_today", quick.overdue && "overdue", quick.idle && `idle_${quick.idle}`].filter(Boolean);
  return parts.length > 0 ? parts.join(",") : undefined;
}

/** The quick filters a URL names; unknown names are ignored, like other bad list parameters. */
export function parseQuickFilters(text: string | undefined): QuickFilters {
  const quick: QuickFilters = {};
  for (const part of (text ?? "").split(",").map((p) => p.trim())) {
    if (part === "due_today") quick.due_today = true;
    else if (part === "overdue") quick.overdue = true;
    else {
      const days = Number(/^idle_(\d+)$/.exec(part)?.[1]);
      if ((IDLE_DAYS as readonly number[]).includes(days)) quick.idle = days as IdleDays;
    }
  }
  return quick;
}

export function activeQuickFilters(quick: QuickFilters): QuickFilter[] {
  return QUICK_FILTERS.filter((key) => !!quick[key]);
}

export type QuickFilterParams = { next_follow_up_at_from?: string; next_follow_up_at_to?: string; no_follow_up_since?: string };

/**
 * The list parameters the quick filters stand for at `now`, "today" being the calendar day in the
 * user's zone (the API takes UTC instants). Due today and overdue together narrow to each other:
 * due earlier today and not yet done.
 */
export function quickFilterParams(quick: QuickFilters, now: Date, zone: string): QuickFilterParams {
  let from: number | undefined;
  let to: number | undefined;
  if (quick.due_today) {
    const today = dayIn(now, zone);
    from = today.start.getTime();
    to = today.end.getTime();
  }
  if (quick.overdue) to = Math.min(to ?? Infinity, now.getTime());
  return {
    next_follow_up_at_from: from === undefined ? undefined : new Date(from).toISOString(),
    next_follow_up_at_to: to === undefined ? undefined : new Date(to).toISOString(),
    no_follow_up_since: quick.idle ? new Date(now.getTime() - quick.idle * DAY_MS).toISOString() : undefined,
  };
}
