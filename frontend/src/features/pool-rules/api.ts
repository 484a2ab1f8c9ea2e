import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { UpdatePoolRules } from "../../api/types";

export const poolRuleKeys = {
  all: ["pool-rules"] as const,
};

export function usePoolRules() {
  return useQuery({
    queryKey: poolRuleKeys.all,
    queryFn: () => unwrap(api.GET("/api/v1/pool-rules")),
  });
}

export function useSavePoolRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rules, version }: { rules: UpdatePoolRules; version: number }) =>
      unwrap(api.PUT("/api/v1/pool-rules", { params: { header: ifMatch(version) }, body: rules })),
    onSuccess: (saved) => queryClient.setQueryData(poolRuleKeys.all, saved),
  });
}

/** Runs the rules now; customers sent back change every customer list. */
export function useApplyPoolRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/pool-rules/apply")),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: poolRuleKeys.all }),
        queryClient.invalidateQueries({ queryKey: ["customers"] }),
      ]),
  });
}
