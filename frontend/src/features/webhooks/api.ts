import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError, parseProblem } from "../../api/problem";
import type { components, operations } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

type Schemas = components["schemas"];
export type Webhook = Schemas["Webhook"];
export type NewWebhook = Schemas["NewWebhook"];
export type WebhookPatch = Schemas["WebhookPatch"];
/** An event name of the catalogue (`*`, `customer.created`…), as the document lists them. */
export type WebhookEvent = NewWebhook["events"][number];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookSettings = Schemas["WebhookSettings"];
export type WebhookQuery = NonNullable<operations["list_webhooks"]["parameters"]["query"]>;
export type DeliveryQuery = NonNullable<operations["list_deliveries"]["parameters"]["query"]>;

/** Webhooks: the receivers of the CRM's events (administrators: `webhooks:*`). */
export const webhooksApi = resourceApi("/api/v1/webhooks");

/** The event names a webhook may listen to; they change only with the server, so read once. */
export function useWebhookEvents(enabled = true) {
  return useQuery({
    queryKey: [...webhooksApi.keys.all, "events"],
    queryFn: () => unwrap(api.GET("/api/v1/webhooks/events")),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** How often an open delivery log asks again: the job worker makes attempts on its own. */
const DELIVERIES_REFRESH_MS = 15_000;

/** Filed under the webhook's record, so whatever refreshes the webhook refreshes its log. */
export const deliveriesKey = (id: string) => [...webhooksApi.keys.detail(id), "deliveries"] as const;

/** A page of a webhook's delivery attempts, newest first. */
export function useDeliveries(id: string, query: DeliveryQuery) {
  return useQuery({
    queryKey: [...deliveriesKey(id), query],
    queryFn: () => unwrap(api.GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id }, query } })),
    placeholderData: keepPreviousData,
    refetchInterval: DELIVERIES_REFRESH_MS,
    enabled: id !== "",
  });
}

/** Sends a `ping` now; the answer is the attempt (delivered or failed), which the log then shows too. */
export function useTestWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/webhooks/{id}/test", { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(id) }),
  });
}

/** Sends an attempt's event again (202): the new attempt shows in the log once the worker made it. */
export function useResendDelivery(id: string) {
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(api.POST("/api/v1/webhooks/{id}/deliveries/{delivery_id}/resend", { params: { path: { id, delivery_id: deliveryId } } })),
  });
}

/** The installation's webhook setting with the ETag a save sends back as If-Match. */
export type WebhookSettingsState = { settings: WebhookSettings; etag: string | undefined };

export const webhookSettingsKey = ["settings", "webhooks"] as const;

async function withEtag(call: Promise<{ data?: WebhookSettings; error?: unknown; response: Response }>): Promise<WebhookSettingsState> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, parseProblem(error, response), response.headers);
  return { settings: data, etag: response.headers.get("ETag") ?? undefined };
}

/** Whether webhooks may call private addresses (`settings:read`). */
export function useWebhookSettings(enabled = true) {
  return useQuery({ queryKey: webhookSettingsKey, queryFn: () => withEtag(api.GET("/api/v1/settings/webhooks")), enabled });
}

/** Saves the setting against the version shown (412 when someone saved since). */
export function useSaveWebhookSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: WebhookSettings; etag: string | undefined }) =>
      withEtag(api.PUT("/api/v1/settings/webhooks", { body, params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => queryClient.setQueryData(webhookSettingsKey, state),
  });
}
