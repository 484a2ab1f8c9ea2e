import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { resourceApi } from "../../shared/resource/resourceApi";
import { MEMBER_PAGE_SIZE, planMembers, readAllMembers, readCeiling, type MemberPlan, type MemberRead, type MembershipChange } from "./members";

/** The customers feature's cache name: the customer list filters by group, so membership changes refresh it. */
const CUSTOMERS = ["customers"] as const;

/** Customer groups: list, record, create, update and delete, keyed under "customer-groups". */
export const customerGroupsApi = resourceApi("/api/v1/customer-groups");

export const customerGroupKeys = {
  ...customerGroupsApi.keys,
  /** The groups offered by pickers (the customer list's filter, "add to group"). */
  options: (q: string) => ["customer-groups", "options", q] as const,
};

/** Every pool, the invalid one too: the server's default leaves invalid customers out, a group's members are all of them. */
export const ALL_POOLS = "public,potential,won,invalid";

/** The largest page of groups a picker loads; typing narrows it on the server. */
const OPTIONS_PAGE_SIZE = 200;

/** Groups the user can see, by name, for pickers; `q` narrows them on the server. */
export function useGroupOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: customerGroupKeys.options(q),
    queryFn: () =>
      unwrap(api.GET("/api/v1/customer-groups", { params: { query: { q: q || undefined, page: 1, page_size: OPTIONS_PAGE_SIZE, sort: "name" } } })).then(
        (page) => page.items,
      ),
    enabled,
    staleTime: 10_000,
  });
}

/** The ids of the group's members the caller can see, page by page (`readAllMembers`). */
export function readVisibleMembers(groupId: string, ceiling: number): Promise<MemberRead> {
  // By code, which is unique, so a row cannot move between pages while they are read.
  return readAllMembers(
    (page) =>
      unwrap(
        api.GET("/api/v1/customers", { params: { query: { group_id: groupId, pool: ALL_POOLS, page, page_size: MEMBER_PAGE_SIZE, sort: "code" } } }),
      ).then((answer) => ({ ids: answer.items.map((c) => c.id), total: answer.total })),
    ceiling,
  );
}

export type MembershipRequest = { groupId: string; change: MembershipChange; customerIds: readonly string[] };

/** What a membership change did: the members changed, or the set it would have made was too big. */
export type MembershipOutcome = { ok: true; changed: number; groupName: string } | { ok: false; count: number };

/**
 * Adds customers to a group or removes them. The API replaces the visible member set as a whole,
 * so this reads the current set, computes the new one and PUTs it. The read and the PUT are two
 * requests: a colleague's change in between is overwritten for the customers both can see.
 */
export function useChangeMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ groupId, change, customerIds }: MembershipRequest): Promise<MembershipOutcome> => {
      const current = await readVisibleMembers(groupId, readCeiling(change, customerIds.length));
      if (!current.ok) return { ok: false, count: current.count };
      const plan: MemberPlan = planMembers(current.ids, customerIds, change);
      if (!plan.ok) return plan;
      const saved = await unwrap(api.PUT("/api/v1/customer-groups/{id}/members", { params: { path: { id: groupId } }, body: { customer_ids: plan.ids } }));
      queryClient.setQueryData(customerGroupKeys.detail(groupId), saved);
      return { ok: true, changed: plan.changed, groupName: saved.name };
    },
    onSettled: () => Promise.all([customerGroupsApi.invalidate(queryClient), queryClient.invalidateQueries({ queryKey: CUSTOMERS })]),
  });
}
