import type { Customer, PermissionCode } from "../../api/types";
import { POOLS, type PoolTab } from "./pools";

export const BULK_ACTIONS = ["transfer", "assign", "release", "group_add", "group_remove", "export"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_ACTION_PERMISSIONS: Record<BulkAction, PermissionCode> = {
  transfer: "customers:transfer",
  assign: "customers:assign",
  release: "customers:release",
  // Membership is a change to the group, not to the customers.
  group_add: "customer_groups:update",
  group_remove: "customer_groups:update",
  export: "customers:export",
};

/** Which pools each action accepts: transfer and release move owned customers, assign public ones. */
const ACCEPTED_POOLS: Record<BulkAction, readonly string[]> = {
  transfer: ["potential", "won"],
  assign: ["public"],
  release: ["potential", "won"],
  group_add: POOLS,
  group_remove: POOLS,
  export: POOLS,
};

/**
 * The bulk actions a tab offers the user. Assigning only makes sense in the public pool tab (the
 * API refuses anything but public customers); the invalid tab only groups and exports.
 */
export function bulkActions(tab: PoolTab, can: (permission: PermissionCode) => boolean): BulkAction[] {
  const byTab: Record<PoolTab, BulkAction[]> = {
    mine: ["transfer", "release", "group_add", "group_remove", "export"],
    all: ["transfer", "release", "group_add", "group_remove", "export"],
    public: ["assign", "group_add", "group_remove", "export"],
    potential: ["transfer", "release", "group_add", "group_remove", "export"],
    won: ["transfer", "release", "group_add", "group_remove", "export"],
    invalid: ["group_add", "group_remove", "export"],
  };
  return byTab[tab].filter((action) => can(BULK_ACTION_PERMISSIONS[action]));
}

/** The selected customers the action cannot take (e.g. a public one in a transfer). */
export function ineligible(action: BulkAction, selected: readonly Pick<Customer, "pool">[]): number {
  return selected.filter((c) => !ACCEPTED_POOLS[action].includes(c.pool)).length;
}

/** The export's query for the selected customers, in the list's order; any pool, as a selection may span the tabs. */
export function selectedExportQuery(selected: readonly Pick<Customer, "id">[], sort: string | undefined) {
  return { format: "csv" as const, id: selected.map((c) => c.id).join(","), pool: POOLS.join(","), sort };
}
