import { useQueries, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { usePermission } from "../features/auth/api";
import { resourceKeys } from "./resource/resourceApi";

/** The most colleagues GET /users/lookup answers with. */
const LOOKUP_LIMIT = 50;

/** "张三 (zhangsan)", or the username alone. */
export function userLabel(user: { username: string; display_name?: string | null }): string {
  return user.display_name ? `${user.display_name} (${user.username})` : user.username;
}

/**
 * Names for user ids (who deleted, who changed): colleagues from GET /users/lookup, which every
 * signed-in user may call, and, for users with `users:read`, each id the lookup did not list (a
 * disabled or departed user) from GET /users/{id}. An id found nowhere has no entry.
 */
export function useUserNames(ids: readonly (string | null | undefined)[]): Map<string, string> {
  const can = usePermission();
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const lookup = useQuery({
    queryKey: ["users", "lookup-all"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/users/lookup", { params: { query: { limit: LOOKUP_LIMIT } } })).then((list) => list.items),
    staleTime: 60_000,
    enabled: wanted.length > 0,
  });
  const names = new Map((lookup.data ?? []).map((u) => [u.id, userLabel(u)]));
  const missing = lookup.isSuccess && can("users:read") ? wanted.filter((id) => !names.has(id)) : [];
  const records = useQueries({
    queries: missing.map((id) => ({
      // The users resource's own record key, so a page that shows the user shares the answer.
      queryKey: resourceKeys("users").detail(id),
      queryFn: () => unwrap(api.GET("/api/v1/users/{id}", { params: { path: { id } } })),
      staleTime: 60_000,
      retry: false,
    })),
  });
  for (const record of records) if (record.data) names.set(record.data.id, userLabel(record.data));
  return names;
}
