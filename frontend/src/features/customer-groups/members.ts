/** `members/add` and `members/remove` take at most this many ids a request. */
export const MEMBER_LIMIT = 1000;

export type MembershipChange = "add" | "remove";

/** The ids to send, or how many there are when one request cannot take them. */
export type MemberSelection = { ok: true; ids: string[] } | { ok: false; count: number };

/**
 * The selected customers once each, checked against the request's limit. The server adds or
 * removes exactly these and leaves the group's other members alone, so nothing is read first
 * and a colleague's change made meanwhile is kept.
 */
export function selectMembers(selected: readonly string[]): MemberSelection {
  const ids = [...new Set(selected)];
  return ids.length > MEMBER_LIMIT ? { ok: false, count: ids.length } : { ok: true, ids };
}

/** How many members a change added or removed, from the group's count before and after. */
export function membersChanged(before: number, after: number): number {
  return Math.abs(after - before);
}
