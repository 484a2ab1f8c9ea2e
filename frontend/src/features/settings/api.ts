import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import { ApiError, parseProblem } from "../../api/problem";
import type { DriveLimits } from "../../api/types";
import type { SmtpInput, SmtpSettings } from "./smtp";

/** The settings with the ETag that a save sends back as If-Match. */
export type SmtpState = { settings: SmtpSettings; etag: string | undefined };

export const smtpKey = ["settings", "smtp"] as const;

async function withEtag(call: Promise<{ data?: SmtpSettings; error?: unknown; response: Response }>): Promise<SmtpState> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, parseProblem(error, response), response.headers);
  return { settings: data, etag: response.headers.get("ETag") ?? ifMatch(data.version)["If-Match"] };
}

export function useSmtpSettings() {
  return useQuery({ queryKey: smtpKey, queryFn: () => withEtag(api.GET("/api/v1/settings/smtp")) });
}

/** Saves the settings against the version shown (412 when someone saved since). */
export function useSaveSmtp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: SmtpInput; etag: string | undefined }) =>
      withEtag(api.PUT("/api/v1/settings/smtp", { body, params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => queryClient.setQueryData(smtpKey, state),
  });
}

/** Turns e-mail off: the settings (and the password) are removed, as of the version shown. */
export function useRemoveSmtp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag }: { etag: string | undefined }) =>
      withEtag(api.DELETE("/api/v1/settings/smtp", { params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => queryClient.setQueryData(smtpKey, state),
  });
}

/** Sends a test message with the saved settings, written in `language`. */
export function useTestSmtp() {
  return useMutation({
    mutationFn: ({ to, language }: { to: string; language: string }) =>
      unwrap(api.POST("/api/v1/settings/smtp/test", { body: { to }, params: { header: { "Accept-Language": language } } })),
  });
}

/** The drive's limits with the ETag a save sends back as If-Match. */
export type DriveLimitsState = { limits: DriveLimits; etag: string | undefined };

export const driveLimitsKey = ["settings", "drive"] as const;

async function limitsWithEtag(call: Promise<{ data?: DriveLimits; error?: unknown; response: Response }>): Promise<DriveLimitsState> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, parseProblem(error, response), response.headers);
  return { limits: data, etag: response.headers.get("ETag") ?? undefined };
}

export function useDriveLimits() {
  return useQuery({ queryKey: driveLimitsKey, queryFn: () => limitsWithEtag(api.GET("/api/v1/settings/drive")) });
}

/** Saves the limits against the version shown (412 when someone saved since); the quotas shown elsewhere follow. */
export function useSaveDriveLimits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: DriveLimits; etag: string | undefined }) =>
      limitsWithEtag(api.PUT("/api/v1/settings/drive", { body, params: { header: etag ? { "If-Match": etag } : {} } })),
    onSuccess: (state) => {
      queryClient.setQueryData(driveLimitsKey, state);
      return queryClient.invalidateQueries({ queryKey: ["drive", "quota"] });
    },
  });
}
