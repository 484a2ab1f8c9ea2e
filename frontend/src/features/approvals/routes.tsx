import type { FeatureRoute } from "../../app/registry";
import { APPROVALS_PATH, FLOWS_PATH } from "./paths";

// The inbox and an approval's page share one chunk (one leads to the other); the designer,
// for administrators only, is a chunk of its own. Nothing here joins the first page but these lines.
const inbox = () => import("./pages/inboxPages");

export const routes: FeatureRoute[] = [
  { path: APPROVALS_PATH, load: () => inbox().then((m) => ({ default: m.ApprovalsInboxPage })), permission: "approvals:read" },
  { path: `${APPROVALS_PATH}/:id`, load: () => inbox().then((m) => ({ default: m.ApprovalDetailPage })), permission: "approvals:read" },
  { path: FLOWS_PATH, load: () => import("./pages/ApprovalFlowsPage").then((m) => ({ default: m.ApprovalFlowsPage })), permission: "approvals:manage" },
];
