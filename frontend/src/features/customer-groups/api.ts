import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { resourceApi } from "../../shared/resource/resourceApi";
import { membersChanged, selectMembers, type MembershipChange } from "./members";

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

export type MembershipRequest = { groupId: string; change: MembershipChange; customerIds: readonly string[] };

/** What a membership change did: the members changed, or the selection was too big for one request. */
export type MembershipOutcome = { ok: true; changed: number; groupName: string } | { ok: false; count: number };

/**
 * Adds customers to a group or removes them: the server adds or removes exactly these (within the
 * caller's scope) and keeps the group's other members, so a colleague's change made meanwhile is
 * not undone. The group's count before the change says how many the change moved.
 */
export function useChangeMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ groupId, change, customerIds }: MembershipRequest): Promise<MembershipOutcome> => {
      const selection = selectMembers(customerIds);
      if (!selection.ok) return selection;
      const params = { path: { id: groupId } };
      const before = await unwrap(api.GET("/api/v1/customer-groups/{id}", { params }));
      const body = { customer_ids: selection.ids };
      const saved = await unwrap(
        change === "add"
          ? api.POST("/api/v1/customer-groups/{id}/members/add", { params, body })
          : api.POST("/api/v1/customer-groups/{id}/members/remove", { params, body }),
      );
      queryClient.setQueryData(customerGroupKeys.detail(groupId), saved);
      return { ok: true, changed: membersChanged(before.member_count, saved.member_count), groupName: saved.name };
    },
    onSettled: () => Promise.all([customerGroupsApi.invalidate(queryClient), queryClient.invalidateQueries({ queryKey: CUSTOMERS })]),
  });
}
