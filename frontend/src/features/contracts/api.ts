import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import type { NewContractAmendment } from "../../api/types";
import { resourceApi } from "../../shared/resource/resourceApi";
import { afterApprovalChange } from "../approvals/api";

export type Contract = components["schemas"]["Contract"];
export type NewContract = components["schemas"]["NewContract"];
export type ContractPatch = components["schemas"]["ContractPatch"];
export type ContractStatus = components["schemas"]["ContractStatus"];
export type ContractFromQuote = components["schemas"]["ContractFromQuote"];
export type ContractQuery = Parameters<typeof contractsApi.useList>[0];
export type { ContractAmendment, NewContractAmendment, AmendmentStatus } from "../../api/types";

/**
 * Contracts: list, record, create, update (drafts), delete (drafts and void ones). An approved
 * contract wins its customer, so writes refresh the customers too.
 */
export const contractsApi = resourceApi("/api/v1/contracts", { alsoInvalidates: [["customers"]] });

/** Completes or terminates an active contract, or voids a draft, at the version it was read. */
export function useContractTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, to, reason }: { record: { id: string; version: number }; to: ContractStatus; reason?: string }) =>
      unwrap(
        api.POST("/api/v1/contracts/{id}/transition", {
          params: { path: { id: record.id }, header: ifMatch(record.version) },
          body: { to, reason: reason?.trim() ? reason.trim() : null },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(contractsApi.keys.detail(saved.id), saved),
    onSettled: () => contractsApi.invalidate(queryClient),
  });
}

/** 存档: archives a completed, terminated or void contract. */
export function useArchiveContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (record: { id: string; version: number }) =>
      unwrap(api.POST("/api/v1/contracts/{id}/archive", { params: { path: { id: record.id }, header: ifMatch(record.version) } })),
    onSuccess: (saved) => queryClient.setQueryData(contractsApi.keys.detail(saved.id), saved),
    onSettled: () => contractsApi.invalidate(queryClient),
  });
}

/** A draft contract from an accepted quote (its customer, opportunity, signatory, currency, lines and terms). */
export function useContractFromQuote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ quoteId, body }: { quoteId: string; body: ContractFromQuote }) =>
      unwrap(api.POST("/api/v1/quotes/{id}/contract", { params: { path: { id: quoteId } }, body })) as Promise<Contract>,
    onSettled: () => contractsApi.invalidate(queryClient),
  });
}

/**
 * A contract's amendments, newest first. Filed under the contract's record, so what refreshes the
 * contract (a write, an approval's decision) refreshes them too.
 */
export function useContractAmendments(contractId: string, enabled = true) {
  return useQuery({
    queryKey: [...contractsApi.keys.detail(contractId), "amendments"],
    queryFn: () => unwrap(api.GET("/api/v1/contracts/{id}/amendments", { params: { path: { id: contractId } } })),
    enabled: enabled && contractId !== "",
  });
}

/**
 * 合同变更: asks to change an active contract. The answer is the amendment: `pending` while its
 * approval runs, `approved` when no flow applies and the contract changed at once.
 */
export function useAmendContract(contractId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewContractAmendment) => unwrap(api.POST("/api/v1/contracts/{id}/amendments", { params: { path: { id: contractId } }, body })),
    // An approval started, or the contract changed at once (its amount, and what its money tabs owe).
    onSettled: () => afterApprovalChange(queryClient),
  });
}
