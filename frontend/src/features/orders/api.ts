import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

export type Order = components["schemas"]["Order"];
export type NewOrder = components["schemas"]["NewOrder"];
export type OrderPatch = components["schemas"]["OrderPatch"];
export type OrderStatus = components["schemas"]["OrderStatus"];

/** Sales orders: list, record, create, update, delete; the quote an order came from shows its link. */
export const ordersApi = resourceApi("/api/v1/orders", { alsoInvalidates: [["quotes"]] });

/** Moves an order along its life (confirm, deliver, close, cancel), at the version it was read. */
export function useOrderTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, to, note }: { record: { id: string; version: number }; to: OrderStatus; note?: string }) =>
      unwrap(
        api.POST("/api/v1/orders/{id}/transition", {
          params: { path: { id: record.id }, header: ifMatch(record.version) },
          body: { to, note: note?.trim() ? note.trim() : null },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(ordersApi.keys.detail(saved.id), saved),
    onSettled: () => ordersApi.invalidate(queryClient),
  });
}
