import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { roleName } from "./systemText";
import { api, unwrap } from "../api/client";
import { ApiError } from "../api/problem";
import type { DepartmentNode, Permission, UserRef, UserRefList } from "../api/types";

// Lookups that several features show in selects. Their keys start with the owning resource, so
// a feature invalidating `["users"]` also refreshes the user options.
export const lookupKeys = {
  userOptions: ["users", "options"] as const,
  userSearch: (q: string) => ["users", "search", q] as const,
  departmentTree: ["departments", "tree"] as const,
  roleOptions: ["roles", "options"] as const,
  permissions: ["permissions"] as const,
};

const LOOKUP_PAGE_SIZE = 200;

function forbiddenAsEmpty<T>(empty: T) {
  return (error: unknown): T => {
    // A user without the read permission still sees the form, just without choices.
    if (error instanceof ApiError && error.status === 403) return empty;
    throw error;
  };
}

export function useUserOptions() {
  return useQuery({
    queryKey: lookupKeys.userOptions,
    queryFn: () =>
      unwrap(api.GET("/api/v1/users", { params: { query: { page: 1, page_size: LOOKUP_PAGE_SIZE, sort: "username" } } }))
        .then((page) => page.items.map((u) => ({ value: u.id, label: u.display_name ? `${u.display_name} (${u.username})` : u.username })))
        .catch(forbiddenAsEmpty<{ value: string; label: string }[]>([])),
    staleTime: 30_000,
  });
}

export type UserOption = { value: string; label: string };

const SEARCH_LIMIT = 20;

function userLabel(u: Pick<UserRef, "username" | "display_name">): string {
  return u.display_name ? `${u.display_name} (${u.username})` : u.username;
}

/**
 * Enabled users whose username or display name contains `q`, for pickers that search on the
 * server. Uses GET /users/lookup, which every signed-in user may call (GET /users needs
 * `users:read`, which sales reps lack).
 */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: lookupKeys.userSearch(q),
    queryFn: () =>
      unwrap(api.GET("/api/v1/users/lookup", { params: { query: { q: q || undefined, limit: SEARCH_LIMIT } } })).then((list: UserRefList) =>
        list.items.map((u): UserOption => ({ value: u.id, label: userLabel(u) })),
      ),
    staleTime: 30_000,
  });
}

export function useDepartmentTree() {
  return useQuery({
    queryKey: lookupKeys.departmentTree,
    queryFn: () => unwrap(api.GET("/api/v1/departments/tree")).catch(forbiddenAsEmpty<DepartmentNode[]>([])),
    staleTime: 30_000,
  });
}

export function useRoleOptions() {
  const { t } = useTranslation();
  return useQuery({
    queryKey: lookupKeys.roleOptions,
    queryFn: () =>
      unwrap(api.GET("/api/v1/roles", { params: { query: { page: 1, page_size: LOOKUP_PAGE_SIZE, sort: "name" } } }))
        .then((page) => page.items.map((r) => ({ value: r.id, label: r.name })))
        .catch(forbiddenAsEmpty<{ value: string; label: string }[]>([])),
    // Built-in roles by their names in the user's language (the cache keeps the codes).
    select: (options) => options.map((o) => ({ ...o, label: roleName(t, o.label) })),
    staleTime: 30_000,
  });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: lookupKeys.permissions,
    queryFn: () =>
      unwrap(api.GET("/api/v1/permissions"))
        .then((list) => list.items)
        .catch(forbiddenAsEmpty<Permission[]>([])),
    staleTime: 5 * 60_000,
  });
}

export type TreeOption = { value: string; title: string; children?: TreeOption[]; disabled?: boolean };

/** The department tree as antd TreeSelect data; `disableId` greys out a node and its subtree. */
export function departmentTreeOptions(nodes: readonly DepartmentNode[], disableId?: string, parentDisabled = false): TreeOption[] {
  return nodes.map((node) => {
    const disabled = parentDisabled || node.id === disableId;
    const children = node.children?.length ? departmentTreeOptions(node.children, disableId, disabled) : undefined;
    return { value: node.id, title: node.name, disabled, ...(children ? { children } : {}) };
  });
}

/** id → name for every department in the tree. */
export function departmentNames(nodes: readonly DepartmentNode[], into = new Map<string, string>()): Map<string, string> {
  for (const node of nodes) {
    into.set(node.id, node.name);
    if (node.children) departmentNames(node.children, into);
  }
  return into;
}
