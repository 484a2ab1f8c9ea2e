import type { Reach } from "./api";

// "View all" on a card opens the customer list showing the card's records. The list keeps its
// state in the URL: the follow-up filters by name (`quick=due_today`), so the link means "today"
// whenever it is opened, `pool=mine` for the user's own customers, `owner_id` for one rep, and
// dates as days.

export type ListScope = {
  reach: Reach;
  /** One rep of the team (the card's per-owner breakdown). */
  ownerId?: string;
  /** The signed-in user: "mine" on a list that filters by owner. */
  userId?: string;
};

export type CustomerListLink = {
  quick?: "due_today" | "overdue";
  created_at_from?: string;
  sort?: string;
};

/** `YYYY-MM-DD` of the Monday the week of `now` starts on, in `zone` (the server's "this week"). */
export function weekStartDate(now: Date, zone: string): string {
  // Calendar arithmetic on the zone's date, done in UTC where every day has 24 hours.
  const day = new Date(`${dateIn(now, zone)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of the instant's calendar day in `zone`. */
export function dateIn(instant: Date, zone: string): string {
  // en-CA writes dates as ISO does.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The customer list's address for `link`, narrowed to whose records the card counted. */
export function customerListUrl(link: CustomerListLink, scope: ListScope): string {
  const params = new URLSearchParams();
  if (link.quick) params.set("quick", link.quick);
  if (link.created_at_from) params.set("created_at_from", link.created_at_from);
  if (scope.ownerId) params.set("owner_id", scope.ownerId);
  else params.set("pool", scope.reach === "mine" ? "mine" : "all");
  if (link.sort) params.set("sort", link.sort);
  return `/customers?${params.toString()}`;
}

/** The opportunity list's filters a card's link sets. */
export type OpportunityListLink = {
  status?: "open" | "won" | "lost";
  expired?: "true";
  sort?: string;
};

/** The opportunity list's address for `link`, narrowed to whose records the card counted. */
export function opportunityListUrl(link: OpportunityListLink, scope: ListScope): string {
  const params = new URLSearchParams();
  if (link.status) params.set("status", link.status);
  if (link.expired) params.set("expired", link.expired);
  const owner = scope.ownerId ?? (scope.reach === "mine" ? scope.userId : undefined);
  if (owner) params.set("owner_id", owner);
  if (link.sort) params.set("sort", link.sort);
  return `/opportunities?${params.toString()}`;
}
