import { createElement } from "react";
// Icons other menus already load: the menu is part of the first page, which is at its size budget.
import { ControlOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { APPROVALS_PATH, FLOWS_PATH } from "./paths";
import { usePendingApprovalCount } from "./pendingCount";
import { routes } from "./routes";

/**
 * 审批: the inbox of approvals (waiting on me, mine, handled), an approval's page where it is
 * decided, and the flows administrators design. Documents (quotes first) submit themselves.
 */
export const approvalsFeature: Feature = {
  name: "approvals",
  routes,
  menu: [
    { key: "approvals", path: APPROVALS_PATH, group: "office", labelKey: "common:menu.entries.approvals", icon: createElement(SafetyCertificateOutlined), permission: "approvals:read", useCount: () => usePendingApprovalCount().data },
    { key: "approval-flows", path: FLOWS_PATH, group: "system", labelKey: "common:menu.entries.approvalFlows", icon: createElement(ControlOutlined), permission: "approvals:manage" },
  ],
};
