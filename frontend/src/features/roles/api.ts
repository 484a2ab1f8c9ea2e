import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { CreateRole, DataScope, Role, UpdateRole } from "../../api/types";
import type { PageParams } from "../../shared/hooks/pagedQuery";

export { usePermissionCatalogue } from "../../shared/lookups";

export const DATA_SCOPES: readonly DataScope[] = ["self", "self_and_subordinates", "department", "department_tree", "all"];

export const roleKeys = {
  all: ["roles"] as const,
  list: (params: PageParams) => ["roles", "list", params] as const,
};

export function useRoles(params: PageParams) {
  return useQuery({
    queryKey: roleKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/roles", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}

function invalidateRoles(queryClient: ReturnType<typeof useQueryClient>) {
  // Users show role names, and my own permissions may have changed.
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: roleKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["users"] }),
    queryClient.invalidateQueries({ queryKey: ["me"] }),
  ]);
}

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRole) => unwrap(api.POST("/api/v1/roles", { body })),
    onSuccess: () => invalidateRoles(queryClient),
  });
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, patch }: { role: Role; patch: UpdateRole }) =>
      unwrap(api.PATCH("/api/v1/roles/{id}", { params: { path: { id: role.id }, header: ifMatch(role.version) }, body: patch })),
    onSuccess: () => invalidateRoles(queryClient),
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (role: Role) =>
      unwrap(api.DELETE("/api/v1/roles/{id}", { params: { path: { id: role.id }, header: ifMatch(role.version) } })),
    onSuccess: () => invalidateRoles(queryClient),
  });
}
