/** PUT /customer-groups/{id}/members takes at most this many ids. */
export const MEMBER_LIMIT = 1000;
/** The customer list's largest page: reading a group's members takes as few requests as it can. */
export const MEMBER_PAGE_SIZE = 200;

export type MembershipChange = "add" | "remove";

/** The member set to PUT, or why there is none. */
export type MemberPlan =
  | { ok: true; ids: string[]; changed: number }
  | { ok: false; count: number };

/**
 * The group's new member set as the caller sees it: the visible members plus the selection, or
 * minus it. The PUT replaces exactly the members the caller can see, so this set is the whole
 * answer; a set over the PUT's limit is refused here rather than by the server.
 */
export function planMembers(current: readonly string[], selected: readonly string[], change: MembershipChange): MemberPlan {
  const have = new Set(current);
  if (change === "add") {
    const added = [...new Set(selected)].filter((id) => !have.has(id));
    const ids = [...have, ...added];
    return ids.length > MEMBER_LIMIT ? { ok: false, count: ids.length } : { ok: true, ids, changed: added.length };
  }
  const drop = new Set(selected);
  const ids = [...have].filter((id) => !drop.has(id));
  if (ids.length > MEMBER_LIMIT) return { ok: false, count: ids.length };
  return { ok: true, ids, changed: have.size - ids.length };
}

/** One page of the member list: the ids on it and the list's total. */
export type MemberPage = { ids: string[]; total: number };

/** Every visible member, or (when there are more than `ceiling`) how many there are at least. */
export type MemberRead = { ok: true; ids: string[] } | { ok: false; count: number };

/**
 * The most members a change can start from: an addition can never shrink the set, a removal
 * shrinks it by at most the selection.
 */
export function readCeiling(change: MembershipChange, selected: number): number {
  return change === "add" ? MEMBER_LIMIT : MEMBER_LIMIT + selected;
}

/**
 * Reads the members page by page until the list is done. A group with more visible members than
 * `ceiling` stops after the first page: no PUT could follow, so reading on would be for nothing.
 */
export async function readAllMembers(fetchPage: (page: number) => Promise<MemberPage>, ceiling: number, pageSize = MEMBER_PAGE_SIZE): Promise<MemberRead> {
  const ids = new Set<string>();
  // Enough pages for the ceiling and one more: the total may grow while we read.
  const maxPages = Math.ceil(ceiling / pageSize) + 1;
  for (let page = 1; page <= maxPages; page += 1) {
    const answer = await fetchPage(page);
    if (answer.total > ceiling) return { ok: false, count: answer.total };
    for (const id of answer.ids) ids.add(id);
    if (answer.ids.length < pageSize || ids.size >= answer.total) return { ok: true, ids: [...ids] };
  }
  return ids.size > ceiling ? { ok: false, count: ids.size } : { ok: true, ids: [...ids] };
}
