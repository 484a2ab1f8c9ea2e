import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { resourceApi } from "../../shared/resource/resourceApi";
import type { ApprovalDetail } from "./model";

/** The inbox and one approval (no create or edit: approvals start from their document). */
export const approvalsApi = resourceApi("/api/v1/approvals");
/** Approval flows, for administrators. */
export const flowsApi = resourceApi("/api/v1/approval-flows");

/** A document's approvals, newest round first. */
export function useDocApprovals(docType: string, docId: string) {
  return approvalsApi.useList({ doc_type: docType, doc_id: docId, page: 1, page_size: 20, sort: "-created_at" }, { enabled: docId !== "" });
}

export type ApprovalMove =
  | { kind: "approve" | "reject" | "withdraw"; comment?: string }
  | { kind: "transfer"; user_id: string; comment?: string }
  | { kind: "comment"; comment: string };

function text(comment: string | undefined): string | null {
  return comment?.trim() ? comment.trim() : null;
}

function post(id: string, move: ApprovalMove): Promise<ApprovalDetail> {
  const path = { params: { path: { id } } };
  switch (move.kind) {
    case "approve":
      return unwrap(api.POST("/api/v1/approvals/{id}/approve", { ...path, body: { comment: text(move.comment) } }));
    case "reject":
      return unwrap(api.POST("/api/v1/approvals/{id}/reject", { ...path, body: { comment: text(move.comment) } }));
    case "withdraw":
      return unwrap(api.POST("/api/v1/approvals/{id}/withdraw", { ...path, body: { comment: text(move.comment) } }));
    case "transfer":
      return unwrap(api.POST("/api/v1/approvals/{id}/transfer", { ...path, body: { user_id: move.user_id, comment: text(move.comment) } }));
    case "comment":
      return unwrap(api.POST("/api/v1/approvals/{id}/comment", { ...path, body: { comment: move.comment.trim() } }));
  }
}

/**
 * A decision moves the document too (a quote is sent or back to draft, a contract takes effect
 * and its customer is won): their pages refresh.
 */
export function afterApprovalChange(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([approvalsApi.invalidate(queryClient), ...["quotes", "contracts", "customers", "payments", "payment-plans", "invoices"].map((name) => queryClient.invalidateQueries({ queryKey: [name] }))]);
}

/** The documents that go through approval, by the name of their collection. */
export type SubmittableKind = "quotes" | "contracts";

function submit(kind: SubmittableKind, id: string): Promise<ApprovalDetail> {
  const params = { params: { path: { id } } };
  return kind === "quotes" ? unwrap(api.POST("/api/v1/quotes/{id}/submit", params)) : unwrap(api.POST("/api/v1/contracts/{id}/submit", params));
}

/**
 * Submits a draft for approval. The answer is the approval: `pending`, or `approved` when no flow
 * applies and the document moved on at once (a quote sent, a contract in force).
 */
export function useSubmitForApproval(kind: SubmittableKind) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => submit(kind, id), onSettled: () => afterApprovalChange(queryClient) });
}

/**
 * Acts on one approval. The answer is the approval as it now stands; a refusal (409: someone
 * acted first) refreshes it too, so the page shows what happened instead.
 */
export function useApprovalMove(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: ApprovalMove) => post(id, move),
    onSuccess: (saved) => queryClient.setQueryData(approvalsApi.keys.detail(id), saved),
    onSettled: () => afterApprovalChange(queryClient),
  });
}
