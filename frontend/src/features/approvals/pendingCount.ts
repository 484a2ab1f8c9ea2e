import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";

// The menu's count of approvals waiting on the user. It is part of the first page, so it asks the
// list directly (one row, for its total) instead of through the approvals module's hooks.

/** Under the approvals' cache name: any approval written refreshes it. */
export const PENDING_COUNT_KEY = ["approvals", "pending-count"] as const;

/** As often as the bell asks for notifications; a hidden tab stops asking and catches up when shown. */
const POLL_INTERVAL = 30_000;

export function usePendingApprovalCount() {
  return useQuery({
    queryKey: PENDING_COUNT_KEY,
    queryFn: () => unwrap(api.GET("/api/v1/approvals", { params: { query: { box: "pending", page: 1, page_size: 1 } } })).then((page) => page.total),
    refetchInterval: POLL_INTERVAL,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
