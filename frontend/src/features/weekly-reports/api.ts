import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { components } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

export type WeeklyReport = components["schemas"]["WeeklyReport"];
export type NewWeeklyReport = components["schemas"]["NewWeeklyReport"];
export type WeeklyReportPatch = components["schemas"]["WeeklyReportPatch"];
export type ReportComment = components["schemas"]["ReportComment"];

export const weeklyReportsApi = resourceApi("/api/v1/weekly-reports");

/** A manager's comment on someone's report (the latest comment stands). */
export function useCommentReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ report, body }: { report: Pick<WeeklyReport, "id" | "version">; body: ReportComment }) =>
      unwrap(api.POST("/api/v1/weekly-reports/{id}/comment", { params: { path: { id: report.id }, header: ifMatch(report.version) }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(weeklyReportsApi.keys.detail(saved.id), saved);
      return weeklyReportsApi.invalidate(queryClient);
    },
  });
}

/** The report a refused create collides with: the id of the week's existing one on a 409 duplicate. */
export function duplicateOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409 || error.problem.code !== "weekly_report.duplicate") return undefined;
  const id = error.problem.extra?.existing_id;
  return typeof id === "string" ? id : "";
}
