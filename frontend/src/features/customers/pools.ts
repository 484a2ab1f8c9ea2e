import type { Customer, PermissionCode } from "../../api/types";

export const POOLS = ["public", "potential", "won", "invalid"] as const;
export type Pool = (typeof POOLS)[number];

/**
 * The list tabs: `all` sends no pool filter, which the server reads as every pool but invalid;
 * `mine` is the same, narrowed to the customers the user owns (a rep's daily list).
 */
export const POOL_TABS = ["mine", "all", "public", "potential", "won", "invalid"] as const;
export type PoolTab = (typeof POOL_TABS)[number];

export const POOL_COLORS: Record<string, string> = { public: "blue", potential: "orange", won: "green", invalid: "default" };

export type PoolAction = "claim" | "release" | "invalidate" | "revalidate";

/** The permission each pool move needs; the API has no separate one for revalidating. */
export const POOL_ACTION_PERMISSIONS: Record<PoolAction, PermissionCode> = {
  claim: "customers:claim",
  release: "customers:release",
  invalidate: "customers:invalidate",
  revalidate: "customers:invalidate",
};

/** The pool moves a customer allows from where it is, before permissions are considered. */
export function poolActions(pool: Customer["pool"]): PoolAction[] {
  switch (pool) {
    case "public":
      return ["claim", "invalidate"];
    case "potential":
    case "won":
      return ["release", "invalidate"];
    case "invalid":
      return ["revalidate"];
    default:
      return [];
  }
}

/**
 * The moves the signed-in user may make on the customer. Invalidating is the owner's side's
 * decision; a public customer has no owner, so only users who see all data may invalidate it
 * (the server answers 403 to everyone else).
 */
export function allowedPoolActions(
  pool: Customer["pool"],
  can: (permission: PermissionCode) => boolean,
  seesAllData = false,
): PoolAction[] {
  return poolActions(pool)
    .filter((action) => can(POOL_ACTION_PERMISSIONS[action]))
    .filter((action) => !(pool === "public" && action === "invalidate" && !seesAllData));
}

export function isPoolTab(value: string | null): value is PoolTab {
  return value !== null && (POOL_TABS as readonly string[]).includes(value);
}

/**
 * The tab a bare list address opens: a rep (who sees only their own and the public pool) starts on
 * their own customers, not on the pool; whoever sees more starts on everything they see.
 */
export function defaultPoolTab(dataScope: string | undefined): PoolTab {
  return dataScope === "self" ? "mine" : "all";
}
