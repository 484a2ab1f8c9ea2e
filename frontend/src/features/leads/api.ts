import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

export type Lead = components["schemas"]["Lead"];
export type LeadStatus = components["schemas"]["LeadStatus"];
export type NewLead = components["schemas"]["NewLead"];
export type LeadPatch = components["schemas"]["LeadPatch"];
export type LeadConversion = components["schemas"]["LeadConversion"];
export type LeadConverted = components["schemas"]["LeadConverted"];
export type AssignLeads = components["schemas"]["AssignLeads"];
export type PipelineStage = components["schemas"]["PipelineStage"];

/**
 * A conversion makes a customer, a contact and maybe an opportunity: their lists refresh too, and
 * the lead's follow-ups, which join the customer and its new contact.
 */
const CONVERSION_CACHES = [["customers"], ["contacts"], ["opportunities"], ["follow-ups"]] as const;

/** Leads: list, record, create, update and delete, keyed under "leads". */
export const leadsApi = resourceApi("/api/v1/leads");

/** Claims a lead from the pool: 409 `lead.already_owned` when a colleague was faster. */
export function useClaimLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lead: Pick<Lead, "id">) => unwrap(api.POST("/api/v1/leads/{id}/claim", { params: { path: { id: lead.id } } })),
    onSettled: () => leadsApi.invalidate(queryClient),
  });
}

/** Puts one of the user's leads back in the pool, with an optional reason. */
export function useReleaseLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ lead, reason }: { lead: Pick<Lead, "id">; reason?: string }) =>
      unwrap(api.POST("/api/v1/leads/{id}/release", { params: { path: { id: lead.id } }, body: { reason: reason || null } })),
    onSettled: () => leadsApi.invalidate(queryClient),
  });
}

/** Gives leads (pooled or owned) to an owner; managers only (`leads:transfer`). */
export function useAssignLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignLeads) => unwrap(api.POST("/api/v1/leads/assign", { body })),
    onSettled: () => leadsApi.invalidate(queryClient),
  });
}

/** Converts a lead; the lead, the customers, contacts, opportunities and follow-ups caches refresh. */
export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LeadConversion }) => unwrap(api.POST("/api/v1/leads/{id}/convert", { params: { path: { id } }, body })),
    onSettled: () =>
      Promise.all([leadsApi.invalidate(queryClient), ...CONVERSION_CACHES.map((queryKey) => queryClient.invalidateQueries({ queryKey }))]),
  });
}

/** The pipeline stages, for the conversion's opportunity (open ones are offered). */
export function usePipelineStages(enabled = true) {
  return useQuery({
    queryKey: ["pipeline-stages", "all"],
    queryFn: () => unwrap(api.GET("/api/v1/pipeline-stages", { params: { query: { page: 1, page_size: 100, sort: "sort_order" } } })).then((page) => page.items),
    staleTime: 60_000,
    enabled,
  });
}
