import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { CreateDepartment, DepartmentNode, UpdateDepartment } from "../../api/types";

// The tree itself is a shared lookup (users pick departments too): see shared/lookups.ts.
export { useDepartmentTree } from "../../shared/lookups";

export const departmentKeys = { all: ["departments"] as const };

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDepartment) => unwrap(api.POST("/api/v1/departments", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
  });
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ department, patch }: { department: DepartmentNode; patch: UpdateDepartment }) =>
      unwrap(
        api.PATCH("/api/v1/departments/{id}", {
          params: { path: { id: department.id }, header: ifMatch(department.version) },
          body: patch,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
  });
}

export function useDeleteDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (department: DepartmentNode) =>
      unwrap(
        api.DELETE("/api/v1/departments/{id}", {
          params: { path: { id: department.id }, header: ifMatch(department.version) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
  });
}
