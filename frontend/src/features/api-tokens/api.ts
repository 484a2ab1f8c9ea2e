import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { CreateApiToken } from "../../api/types";
import type { PageParams } from "../../shared/hooks/pagedQuery";

export { usePermissionCatalogue } from "../../shared/lookups";

export const apiTokenKeys = {
  all: ["api-tokens"] as const,
  list: (params: PageParams) => ["api-tokens", "list", params] as const,
};

/** The signed-in user's own tokens. */
export function useApiTokens(params: PageParams) {
  return useQuery({
    queryKey: apiTokenKeys.list(params),
    // The token list pages in a fixed order (newest first) and takes nothing else.
    queryFn: () => unwrap(api.GET("/api/v1/api-tokens", { params: { query: { page: params.page, page_size: params.page_size } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiToken) => unwrap(api.POST("/api/v1/api-tokens", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/api-tokens/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
