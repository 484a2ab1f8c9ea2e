import { createElement } from "react";
import { FileSearchOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

export const auditLogsFeature: Feature = {
  name: "audit-logs",
  routes,
  menu: [{ key: "audit-logs", path: "/system/audit-logs", group: "system", labelKey: "common:menu.entries.auditLogs", icon: createElement(FileSearchOutlined), permission: "audit_logs:read" }],
};
