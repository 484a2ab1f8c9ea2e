import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import { ApiError, parseProblem } from "../../api/problem";
import type { SmsInput, SmsSettings } from "./sms";

/** The settings with the ETag that a save sends back as If-Match. */
export type SmsState = { settings: SmsSettings; etag: string | undefined };

export const smsKey = ["settings", "sms"] as const;

async function withEtag(call: Promise<{ data?: SmsSettings; error?: unknown; response: Response }>): Promise<SmsState> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, parseProblem(error, response), response.headers);
  return { settings: data, etag: response.headers.get("ETag") ?? ifMatch(data.version)["If-Match"] };
}

export function useSmsSettings() {
  return useQuery({ queryKey: smsKey, queryFn: () => withEtag(api.GET("/api/v1/settings/sms")) });
}

/** Saves the gateway against the version shown (412 when someone saved since). */
export function useSaveSms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: SmsInput; etag: string | undefined }) =>
      withEtag(api.PUT("/api/v1/settings/sms", { body, params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => queryClient.setQueryData(smsKey, state),
  });
}

/** Turns text messages off: the settings (and the secret) are removed, as of the version shown. */
export function useRemoveSms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag }: { etag: string | undefined }) =>
      withEtag(api.DELETE("/api/v1/settings/sms", { params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => queryClient.setQueryData(smsKey, state),
  });
}

/** Sends a test message through the saved gateway, written in `language`. */
export function useTestSms() {
  return useMutation({
    mutationFn: ({ to, language }: { to: string; language: string }) =>
      unwrap(api.POST("/api/v1/settings/sms/test", { body: { to }, params: { header: { "Accept-Language": language } } })),
  });
}
