import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { resourceApi } from "../../shared/resource/resourceApi";

/** Users; the lookups filed under "users" (pickers' options) refresh with every write. */
export const usersApi = resourceApi("/api/v1/users");

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, new_password }: { id: string; new_password: string }) =>
      unwrap(api.POST("/api/v1/users/{id}/reset-password", { params: { path: { id } }, body: { new_password } })),
  });
}
