import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components, operations } from "../../api/schema";

export type NotificationSettings = components["schemas"]["NotificationSettings"];
export type KindChannels = components["schemas"]["KindChannels"];
/** The body of `PUT /me/notification-settings`: the same shape as the answer. */
export type NotificationSettingsInput = NonNullable<operations["put_notification_settings"]["requestBody"]>["content"]["application/json"];

export const notificationSettingsKey = ["me", "notification-settings"] as const;

// The kinds of the bell's registry (features/notifications/kinds.ts), in the order the rows show.
// Not imported from there: the registry (with its icons) belongs to the shell's chunks, and a lazy
// page sharing it makes the bundler move modules into what the first page loads.
const KIND_ORDER = ["follow_up.due", "customer.assigned", "customer.transferred", "customer.returned", "customer.shared"];

/** The rows in the registry's order; kinds this SPA does not know (yet) follow, as the server sent them. */
export function orderedKinds(items: readonly KindChannels[]): KindChannels[] {
  const rank = (kind: string) => {
    const i = KIND_ORDER.indexOf(kind);
    return i === -1 ? KIND_ORDER.length : i;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.index - b.index)
    .map(({ item }) => item);
}

/** A readable stand-in for a kind without a name here: `approval.waiting` → "approval · waiting" (as the bell says it). */
export function fallbackKindName(kind: string): string {
  return kind
    .split(".")
    .map((part) => part.replace(/_/g, " "))
    .join(" · ");
}

/** The settings with one kind's e-mail switched: what the list shows while the save is on its way. */
export function withEmail(settings: NotificationSettings, kind: string, email: boolean): NotificationSettings {
  return { ...settings, items: settings.items.map((item) => (item.kind === kind ? { ...item, email } : item)) };
}

/** One kind's change as the server takes it: kinds left out keep theirs, and `in_app` cannot be turned off. */
export function emailChange(kind: string, email: boolean): NotificationSettingsInput {
  return { items: [{ kind, email }] };
}

/** The API client; tests pass their own. */
type Options = { client?: typeof api };

export function useNotificationSettings({ client = api }: Options = {}) {
  return useQuery({
    queryKey: notificationSettingsKey,
    queryFn: () => unwrap(client.GET("/api/v1/me/notification-settings")),
  });
}

/**
 * Turns e-mail on or off for one kind. The switch moves at once; a failed save puts it back (the
 * caller says why), and the server's answer is what stays.
 */
export function useSetEmail({ client = api }: Options = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, email }: { kind: string; email: boolean }) =>
      unwrap(client.PUT("/api/v1/me/notification-settings", { body: emailChange(kind, email) })),
    onMutate: async ({ kind, email }) => {
      await queryClient.cancelQueries({ queryKey: notificationSettingsKey });
      const before = queryClient.getQueryData<NotificationSettings>(notificationSettingsKey);
      if (before) queryClient.setQueryData(notificationSettingsKey, withEmail(before, kind, email));
      return { before };
    },
    onError: (_error, { kind, email }, context) => {
      // Only this kind goes back: another switch moved meanwhile keeps its own save's fate.
      const now = queryClient.getQueryData<NotificationSettings>(notificationSettingsKey);
      const was = context?.before?.items.find((item) => item.kind === kind)?.email;
      if (now && was !== undefined) queryClient.setQueryData(notificationSettingsKey, withEmail(now, kind, was));
      else if (context?.before) queryClient.setQueryData(notificationSettingsKey, withEmail(context.before, kind, !email));
    },
    onSuccess: (saved, { kind }) => {
      const now = queryClient.getQueryData<NotificationSettings>(notificationSettingsKey);
      const server = saved.items.find((item) => item.kind === kind);
      queryClient.setQueryData(notificationSettingsKey, now && server ? withEmail(now, kind, server.email) : saved);
    },
  });
}
