/** The URL parameters the group list reads as filters. */
export const GROUP_FILTERS = ["q", "shared", "mine"] as const;
export type GroupFilterName = (typeof GROUP_FILTERS)[number];
export type GroupSearchValues = Partial<Record<GroupFilterName, string>>;

/** The search form's choices for `shared` and `mine`, as the URL keeps them. */
export const SHARED_VALUES = ["true", "false"] as const;
export const MINE_VALUE = "1";

/** The group list's query from its filters: "mine" is the owner filter set to the user. */
export function groupListFilters(values: GroupSearchValues, meId: string | undefined): { q?: string; shared?: boolean; owner_id?: string } {
  const q = values.q?.trim();
  return {
    q: q ? q : undefined,
    shared: values.shared === "true" ? true : values.shared === "false" ? false : undefined,
    owner_id: values.mine === MINE_VALUE && meId ? meId : undefined,
  };
}

/** `a,b` (the customer list's `group_id`) as ids, blanks and repeats dropped. */
export function splitGroupIds(value: string | undefined): string[] {
  return [...new Set((value ?? "").split(",").map((id) => id.trim()).filter(Boolean))];
}
