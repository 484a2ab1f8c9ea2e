// The inbox and an approval's page share one chunk: one opens the other.
export { ApprovalsInboxPage } from "./ApprovalsInboxPage";
export { ApprovalDetailPage } from "./ApprovalDetailPage";
