import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";

export type Notification = components["schemas"]["Notification"];
type Page = components["schemas"]["PageOf_Notification"];

/** Which of the user's notifications the drawer lists. */
export type NotificationFilter = "unread" | "all";

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread-count"] as const,
  list: (filter: NotificationFilter) => ["notifications", "list", filter] as const,
};

/** Rows the drawer fetches at a time; "load more" asks for the next page. */
export const NOTIFICATION_PAGE_SIZE = 20;

/** How often the bell asks for the unread count (the API's own advice). */
export const POLL_INTERVAL = 30_000;

/** The bell's number, polled while the tab is visible. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => unwrap(api.GET("/api/v1/notifications/unread-count")).then((body) => body.count),
    enabled,
    refetchInterval: POLL_INTERVAL,
    // A hidden tab stops asking; it catches up when it is shown again.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** The drawer's list, newest first, a page at a time. */
export function useNotifications(filter: NotificationFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(filter),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/notifications", {
          params: { query: { page: pageParam, page_size: NOTIFICATION_PAGE_SIZE, unread: filter === "unread" ? true : undefined } },
        }),
      ),
    initialPageParam: 1,
    getNextPageParam: (last: Page, pages: Page[]) => {
      const seen = pages.reduce((sum, page) => sum + page.items.length, 0);
      return last.items.length === NOTIFICATION_PAGE_SIZE && seen < last.total ? pages.length + 1 : undefined;
    },
    enabled,
    staleTime: 0,
  });
}

/** Marks one notification read; the count and the lists follow. */
export function useReadNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/notifications/{id}/read", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** Marks every notification of the user read. */
export function useReadAll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/notifications/read-all")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
