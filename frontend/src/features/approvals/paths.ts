export const APPROVALS_PATH = "/approvals";
export const FLOWS_PATH = "/system/approval-flows";

export function approvalPath(id: string): string {
  return `${APPROVALS_PATH}/${id}`;
}
