import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/system/audit-logs",
    load: () => import("./pages/AuditLogsPage").then((m) => ({ default: m.AuditLogsPage })),
    permission: "audit_logs:read",
  },
];
