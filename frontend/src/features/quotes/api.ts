import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

export type Quote = components["schemas"]["Quote"];
export type NewQuote = components["schemas"]["NewQuote"];
export type QuotePatch = components["schemas"]["QuotePatch"];
export type QuoteStatus = components["schemas"]["QuoteStatus"];
export type DocumentLine = components["schemas"]["DocumentLine"];
export type NewDocumentLine = components["schemas"]["NewDocumentLine"];
export type FromQuote = components["schemas"]["FromQuote"];
export type Order = components["schemas"]["Order"];
export type QuoteQuery = Parameters<typeof quotesApi.useList>[0];

/** Quotes: list, record, create, update, delete; an order made from one shows in the orders too. */
export const quotesApi = resourceApi("/api/v1/quotes", { alsoInvalidates: [["orders"]] });

/** Moves a quote along its life (send, accept, reject, expire, back to draft), at the version it was read. */
export function useQuoteTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, to, note }: { record: { id: string; version: number }; to: QuoteStatus; note?: string }) =>
      unwrap(
        api.POST("/api/v1/quotes/{id}/transition", {
          params: { path: { id: record.id }, header: ifMatch(record.version) },
          body: { to, note: note?.trim() ? note.trim() : null },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(quotesApi.keys.detail(saved.id), saved),
    onSettled: () => quotesApi.invalidate(queryClient),
  });
}

/** Makes the order of an accepted quote. */
export function useMakeOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FromQuote }) => unwrap(api.POST("/api/v1/quotes/{id}/order", { params: { path: { id } }, body })) as Promise<Order>,
    onSettled: () => quotesApi.invalidate(queryClient),
  });
}

export type PdfLanguage = "zh" | "en";

/** The PDF language matching the UI's. */
export function pdfLanguageOf(uiLanguage: string | undefined): PdfLanguage {
  return uiLanguage?.toLowerCase().startsWith("en") ? "en" : "zh";
}

/** The documents printed as PDFs, by the name of their collection. */
export type PrintableKind = "quotes" | "contracts";

/** A quote's or a contract's PDF, fetched with the user's token (so it can be previewed from a blob: URL or saved). */
export async function fetchDocPdf(kind: PrintableKind, id: string, lang: PdfLanguage, download: boolean): Promise<Blob> {
  const init = { params: { path: { id }, query: { lang, download } }, parseAs: "blob" as const };
  const blob = await unwrap(kind === "quotes" ? api.GET("/api/v1/quotes/{id}/pdf", init) : api.GET("/api/v1/contracts/{id}/pdf", init));
  return blob as unknown as Blob;
}

/** The customer's opportunities a quote or order may name (the newest hundred), for a picker. */
export function useCustomerOpportunities(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["opportunities", "list", { customer_id: customerId, page: 1, page_size: 100, sort: "-updated_at" }],
    queryFn: () => unwrap(api.GET("/api/v1/opportunities", { params: { query: { customer_id: customerId, page: 1, page_size: 100, sort: "-updated_at" } } })),
    enabled: enabled && !!customerId,
  });
}

/** Whether the user sees colleagues' records (a manager): then the owner filter is worth showing. */
export function seesOthers(me: { data_scope?: string } | undefined): boolean {
  return !!me && me.data_scope !== "self";
}
