import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { PageParams } from "../../shared/hooks/pagedQuery";

export type AuditLogFilters = {
  entity?: string;
  entity_id?: string;
  actor_id?: string;
  /** RFC 3339 timestamps. */
  from?: string;
  to?: string;
};

export const auditLogKeys = {
  all: ["audit-logs"] as const,
  list: (params: AuditLogParams) => ["audit-logs", "list", params] as const,
};

export type AuditLogParams = Omit<PageParams, "sort"> & AuditLogFilters;

export function useAuditLogs(params: AuditLogParams) {
  return useQuery({
    queryKey: auditLogKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/audit-logs", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}
