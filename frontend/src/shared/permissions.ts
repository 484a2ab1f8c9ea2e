import type { PermissionCode } from "../api/types";

/**
 * Whether a permission list grants `required`; no requirement means any signed-in user.
 * `granted` stays plain strings: /me also sends wildcards (`*`, `customers:*`), which are not codes.
 */
export function hasPermission(granted: readonly string[] | undefined, required: PermissionCode | undefined): boolean {
  if (!required) return true;
  if (!granted) return false;
  const [module] = required.split(":");
  return granted.includes(required) || granted.includes("*") || granted.includes(`${module}:*`);
}

/** A predicate over the signed-in user's permissions, as pages and helpers take it. */
export type Can = (required: PermissionCode | undefined) => boolean;
