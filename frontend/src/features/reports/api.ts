import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components, operations } from "../../api/schema";

export type Funnel = components["schemas"]["Funnel"];
export type FunnelStage = components["schemas"]["FunnelStage"];
export type Forecast = components["schemas"]["Forecast"];
export type ForecastRow = components["schemas"]["ForecastRow"];
export type ForecastPeriod = components["schemas"]["Period"];
export type GroupBy = components["schemas"]["GroupBy"];
export type GroupReport = components["schemas"]["GroupReport"];
export type GroupRow = components["schemas"]["GroupRow"];

/** The filters the three reports share (owner, dates…), as the API names them. */
export type ReportFilters = NonNullable<operations["funnel_report"]["parameters"]["query"]>;

export const GROUP_BYS: readonly GroupBy[] = ["stage", "owner", "month", "province", "product"];
export const FORECAST_PERIODS: readonly ForecastPeriod[] = ["month", "quarter"];

const options = { placeholderData: keepPreviousData, staleTime: 30_000 } as const;

export function useFunnel(query: ReportFilters) {
  return useQuery({ queryKey: ["reports", "funnel", query], queryFn: () => unwrap(api.GET("/api/v1/reports/funnel", { params: { query } })), ...options });
}

export function useForecast(query: ReportFilters & { period: ForecastPeriod }) {
  return useQuery({ queryKey: ["reports", "forecast", query], queryFn: () => unwrap(api.GET("/api/v1/reports/forecast", { params: { query } })), ...options });
}

export function useGroupReport(query: ReportFilters & { group_by: GroupBy }) {
  return useQuery({ queryKey: ["reports", "opportunities", query], queryFn: () => unwrap(api.GET("/api/v1/reports/opportunities", { params: { query } })), ...options });
}
