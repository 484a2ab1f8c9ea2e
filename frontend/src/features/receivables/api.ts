import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import { ApiError, parseProblem } from "../../api/problem";
import type { components, operations } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

type Schemas = components["schemas"];
export type Contract = Schemas["Contract"];
export type PaymentPlan = Schemas["PaymentPlan"];
export type NewPaymentPlan = Schemas["NewPaymentPlan"];
export type PaymentPlanPatch = Schemas["PaymentPlanPatch"];
export type PlanStatus = Schemas["PlanStatus"];
export type Payment = Schemas["Payment"];
export type NewPayment = Schemas["NewPayment"];
export type PaymentPatch = Schemas["PaymentPatch"];
export type PaymentStatus = Schemas["PaymentStatus"];
export type Invoice = Schemas["Invoice"];
export type NewInvoice = Schemas["NewInvoice"];
export type InvoicePatch = Schemas["InvoicePatch"];
export type InvoiceStatus = Schemas["InvoiceStatus"];
export type InvoiceType = Schemas["InvoiceType"];
export type TitleType = Schemas["TitleType"];
export type InvoiceTitle = Schemas["InvoiceTitle"];
export type RememberedInvoiceTitle = Schemas["RememberedInvoiceTitle"];
export type ApprovalDetail = Schemas["ApprovalDetail"];
export type AgeingReport = Schemas["AgeingReport"];
export type AgeingRow = Schemas["AgeingRow"];
export type AgeingGroup = Schemas["AgeingGroup"];
export type ContractReport = Schemas["ContractReport"];
export type ContractGroupRow = Schemas["ContractGroupRow"];
export type ContractGroup = Schemas["ContractGroup"];
export type ContractReminderSettings = Schemas["ContractReminderSettings"];
export type AgeingQuery = NonNullable<operations["ageing_report"]["parameters"]["query"]>;
export type ContractReportQuery = NonNullable<operations["contracts_report"]["parameters"]["query"]>;

// What a payment, a plan or an invoice changes besides itself: the contract's received,
// outstanding, invoiced and overdue amounts, the reports and the workbench's payments card.
const COUNTED_ON: readonly (readonly [string])[] = [["contracts"], ["reports"], ["workbench"]];

/** A contract's instalments [回款计划]: within its amount; a plan some payment names stays. */
export const paymentPlansApi = resourceApi("/api/v1/payment-plans", { alsoInvalidates: [...COUNTED_ON, ["payments"]] });
/** Payments received [回款]: drafts, submitted through approval, counted once confirmed. */
export const paymentsApi = resourceApi("/api/v1/payments", { alsoInvalidates: [...COUNTED_ON, ["payment-plans"]] });
/** Invoices [发票]: drafts, submitted through approval, issued, voided with a reason. */
export const invoicesApi = resourceApi("/api/v1/invoices", { alsoInvalidates: COUNTED_ON });

/** After a submit: the document, what it counts on, and the approvals (a flow may now wait on someone). */
function afterSubmit(queryClient: QueryClient, name: "payments" | "invoices") {
  return Promise.all([name, "payment-plans", "approvals", ...COUNTED_ON.map(([key]) => key)].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
}

/**
 * Submits a draft payment. The answer is its approval: `pending` while a `payment` flow decides
 * it, `approved` when none applies and the payment was confirmed at once.
 */
export function useSubmitPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<ApprovalDetail> => unwrap(api.POST("/api/v1/payments/{id}/submit", { params: { path: { id } } })),
    onSettled: () => afterSubmit(queryClient, "payments"),
  });
}

/** Submits a draft invoice: `pending` under an `invoice` flow, `approved` (issued at once) without one. */
export function useSubmitInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<ApprovalDetail> => unwrap(api.POST("/api/v1/invoices/{id}/submit", { params: { path: { id } } })),
    onSettled: () => afterSubmit(queryClient, "invoices"),
  });
}

/** 作废/红冲: voids a draft or issued invoice with a reason, at the version it was read. */
export function useVoidInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, reason }: { record: { id: string; version: number }; reason: string }) =>
      unwrap(api.POST("/api/v1/invoices/{id}/void", { params: { path: { id: record.id }, header: ifMatch(record.version) }, body: { reason: reason.trim() } })),
    onSuccess: (saved) => queryClient.setQueryData(invoicesApi.keys.detail(saved.id), saved),
    onSettled: () => invoicesApi.invalidate(queryClient),
  });
}

/** The invoicing details the customer's invoices were issued under, most recently used first. */
export function useInvoiceTitles(customerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["invoices", "titles", customerId],
    queryFn: () => unwrap(api.GET("/api/v1/customers/{id}/invoice-titles", { params: { path: { id: customerId ?? "" } } })),
    enabled: enabled && !!customerId,
    staleTime: 30_000,
  });
}

/** One contract, for a form that was given only its id (a payment being edited, say). */
export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: ["contracts", "detail", id ?? ""],
    queryFn: () => unwrap(api.GET("/api/v1/contracts/{id}", { params: { path: { id: id ?? "" } } })),
    enabled: !!id,
  });
}

/** The statuses of a contract that took effect: payments and invoices may be entered against it. */
export const IN_FORCE = "active,completed,terminated";

/** Contracts that took effect matching `q`, for the pickers of the payments and invoices pages. */
export function useContractSearch(q: string) {
  return useQuery({
    queryKey: ["contracts", "search", q],
    queryFn: () => unwrap(api.GET("/api/v1/contracts", { params: { query: { q: q || undefined, status: IN_FORCE, page: 1, page_size: 20, sort: "-updated_at" } } })),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

const reportOptions = { placeholderData: keepPreviousData, staleTime: 30_000 } as const;

/** 应收账款账龄: what the open instalments owe, not yet due and by days overdue, per customer or owner. */
export function useAgeingReport(query: AgeingQuery, enabled = true) {
  return useQuery({
    queryKey: ["reports", "receivables-ageing", query],
    queryFn: () => unwrap(api.GET("/api/v1/reports/receivables-ageing", { params: { query } })),
    enabled,
    ...reportOptions,
  });
}

/** Contracts that took effect, signed, received and outstanding, per month, owner, category or customer. */
export function useContractReport(query: ContractReportQuery, enabled = true) {
  return useQuery({
    queryKey: ["reports", "contracts", query],
    queryFn: () => unwrap(api.GET("/api/v1/reports/contracts", { params: { query } })),
    enabled,
    ...reportOptions,
  });
}

/** The reminders' settings with the ETag a save sends back as If-Match. */
export type ReminderState = { settings: ContractReminderSettings; etag: string | undefined };

export const reminderKey = ["settings", "contract-reminders"] as const;

type ReminderView = Schemas["ContractReminderSettingsView"];

async function withEtag(call: Promise<{ data?: ReminderView; error?: unknown; response: Response }>): Promise<ReminderState> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, parseProblem(error, response), response.headers);
  return { settings: data.settings, etag: response.headers.get("ETag") ?? ifMatch(data.version)["If-Match"] };
}

export function useReminderSettings() {
  return useQuery({ queryKey: reminderKey, queryFn: () => withEtag(api.GET("/api/v1/settings/contract-reminders")) });
}

/** Saves the settings against the version shown (412 when someone saved since). */
export function useSaveReminderSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: ContractReminderSettings; etag: string | undefined }) =>
      withEtag(api.PUT("/api/v1/settings/contract-reminders", { body, params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => queryClient.setQueryData(reminderKey, state),
  });
}
