import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, csrfHeaders, unwrap } from "../../api/client";
import { clearSession, hasSession, saveTokens } from "../../api/session";
import type { Me, UpdateMe } from "../../api/types";
import { hasPermission, type Can } from "../../shared/permissions";

export const meKeys = { me: ["me"] as const };

export function fetchMe(): Promise<Me> {
  return unwrap(api.GET("/api/v1/me"));
}

const meQuery = { queryKey: meKeys.me, queryFn: fetchMe, staleTime: 60_000, retry: false } as const;

/** The signed-in user with permissions and data scope; disabled when there is no session. */
export function useMe() {
  return useQuery({ ...meQuery, enabled: hasSession() });
}

/** Asks for /me ahead of the first render (which waits for the texts), so the two load side by side. */
export function prefetchMe(queryClient: QueryClient): void {
  if (hasSession()) void queryClient.prefetchQuery(meQuery);
}

/** A predicate over the signed-in user's permissions. */
export function usePermission(): Can {
  const { data } = useMe();
  return (required) => hasPermission(data?.permissions, required);
}

export type LoginInput = { username: string; password: string };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    // The refresh token goes into an HttpOnly cookie, out of reach of any script on the page.
    mutationFn: async (input: LoginInput) => unwrap(api.POST("/api/v1/auth/login", { body: { ...input, refresh_cookie: true } })),
    onSuccess: (tokens) => {
      queryClient.clear();
      saveTokens(tokens);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // The server ends the session named by the cookie and the access token, and removes the
      // cookies. Logging out locally must work even if the call fails.
      await api.POST("/api/v1/auth/logout", { headers: csrfHeaders() }).catch(() => undefined);
    },
    onSettled: () => {
      clearSession();
      queryClient.clear();
    },
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: UpdateMe) => unwrap(api.PATCH("/api/v1/me", { body: patch })),
    onSuccess: (me) => {
      queryClient.setQueryData(meKeys.me, (old: Me | undefined) => (old ? { ...old, ...me } : me));
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { current_password: string; new_password: string; revoke_api_tokens?: boolean }) =>
      unwrap(api.POST("/api/v1/me/password", { body })),
  });
}
