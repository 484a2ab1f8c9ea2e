import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { CreateUser, UpdateUser, User } from "../../api/types";
import type { PageParams } from "../../shared/hooks/pagedQuery";

export type UserListParams = PageParams & { q?: string };

export const userKeys = {
  all: ["users"] as const,
  list: (params: UserListParams) => ["users", "list", params] as const,
  detail: (id: string) => ["users", "detail", id] as const,
};

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { ...params, q: params.q || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => unwrap(api.POST("/api/v1/users", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, patch }: { user: User; patch: UpdateUser }) =>
      unwrap(
        api.PATCH("/api/v1/users/{id}", {
          params: { path: { id: user.id }, header: ifMatch(user.version) },
          body: patch,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: User) =>
      unwrap(api.DELETE("/api/v1/users/{id}", { params: { path: { id: user.id }, header: ifMatch(user.version) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, new_password }: { id: string; new_password: string }) =>
      unwrap(api.POST("/api/v1/users/{id}/reset-password", { params: { path: { id } }, body: { new_password } })),
  });
}
