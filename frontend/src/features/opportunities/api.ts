import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

export type Opportunity = components["schemas"]["Opportunity"];
export type OpportunityLine = components["schemas"]["OpportunityLine"];
export type NewOpportunity = components["schemas"]["NewOpportunity"];
export type NewOpportunityLine = components["schemas"]["NewOpportunityLine"];
export type OpportunityPatch = components["schemas"]["OpportunityPatch"];
export type PipelineStage = components["schemas"]["PipelineStage"];
export type NewPipelineStage = components["schemas"]["NewPipelineStage"];
export type StageKind = components["schemas"]["StageKind"];
export type StageMove = components["schemas"]["StageMove"];
export type StageHistoryEntry = components["schemas"]["StageHistoryEntry"];
export type Board = components["schemas"]["Board"];
export type BoardColumn = components["schemas"]["BoardColumn"];
export type OpportunityQuery = Parameters<typeof opportunitiesApi.useList>[0];

/** Opportunities: list, record, create, update, delete; keyed under "opportunities" (the board too). */
export const opportunitiesApi = resourceApi("/api/v1/opportunities");
/** Pipeline stages; a change renames or reorders the board's columns, so it refreshes opportunities too. */
export const stagesApi = resourceApi("/api/v1/pipeline-stages", { alsoInvalidates: [["opportunities"]] });

export const opportunityKeys = {
  ...opportunitiesApi.keys,
  board: (query: object) => ["opportunities", "board", query] as const,
  column: (query: object) => ["opportunities", "column", query] as const,
  history: (id: string) => ["opportunities", "stage-history", id] as const,
};

/** Every stage in board order (there are a handful; the API's largest page holds them all). */
export function useStages() {
  return useQuery({
    queryKey: ["pipeline-stages", "all"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/pipeline-stages", { params: { query: { page: 1, page_size: 200, sort: "sort_order" } } })).then((page) => page.items),
    staleTime: 60_000,
  });
}

/** The board with the first `page_size` cards of each column, under the list's filters. */
export function useBoard(query: Omit<OpportunityQuery, "page" | "sort">) {
  return useQuery({
    queryKey: opportunityKeys.board(query),
    queryFn: () => unwrap(api.GET("/api/v1/opportunities/board", { params: { query } })),
  });
}

/** One further page of a column: the list by position, with the board's filters. */
export function fetchColumnPage(query: OpportunityQuery & { stage_id: string; page: number; page_size: number }) {
  return unwrap(api.GET("/api/v1/opportunities", { params: { query: { ...query, sort: "position" } } }));
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: opportunityKeys.history(id),
    queryFn: () => unwrap(api.GET("/api/v1/opportunities/{id}/stage-history", { params: { path: { id } } })).then((h) => h.items),
  });
}

/** Moves an opportunity to a stage (or within its column), naming the version it was read at. */
export function useMoveStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, move }: { record: { id: string; version: number }; move: StageMove }) =>
      unwrap(api.POST("/api/v1/opportunities/{id}/stage", { params: { path: { id: record.id }, header: ifMatch(record.version) }, body: move })),
    onSuccess: (saved) => queryClient.setQueryData(opportunityKeys.detail(saved.id), saved),
    onSettled: () => opportunitiesApi.invalidate(queryClient),
  });
}
