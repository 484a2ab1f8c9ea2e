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
const KIND_ORDER = ["follow_up.due", "customer.assigned", "customer.transferred", "customer.returned", "customer.shared", "drive.shared"];

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

/** A channel a person switches per kind: by e-mail (on unless turned off) or by text message (off unless turned on). */
export type Channel = "email" | "sms";

/** Whether a kind goes out by a channel; a server that does not send `sms` means off. */
export function channelOn(item: KindChannels, channel: Channel): boolean {
  return channel === "email" ? item.email : item.sms === true;
}

/** The settings with one kind's channel switched: what the list shows while the save is on its way. */
export function withChannel(settings: NotificationSettings, kind: string, channel: Channel, on: boolean): NotificationSettings {
  return { ...settings, items: settings.items.map((item) => (item.kind === kind ? { ...item, [channel]: on } : item)) };
}

/** The settings with one kind's e-mail switched. */
export function withEmail(settings: NotificationSettings, kind: string, email: boolean): NotificationSettings {
  return withChannel(settings, kind, "email", email);
}

/**
 * One kind's change as the server takes it: kinds left out keep theirs, and `in_app` cannot be
 * turned off. `email` is required in an item, so it goes along as it stands; `sms` only when it is
 * the channel switched (left out, the server keeps it).
 */
export function channelChange(item: KindChannels, channel: Channel, on: boolean): NotificationSettingsInput {
  return channel === "email" ? { items: [{ kind: item.kind, email: on }] } : { items: [{ kind: item.kind, email: item.email, sms: on }] };
}

/** One kind's e-mail change. */
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
 * Turns one channel on or off for one kind. The switch moves at once; a failed save puts it back
 * (the caller says why), and the server's answer is what stays.
 */
export function useSetChannel({ client = api }: Options = {}) {
  const queryClient = useQueryClient();
  const current = (kind: string) => queryClient.getQueryData<NotificationSettings>(notificationSettingsKey)?.items.find((item) => item.kind === kind);
  return useMutation({
    mutationFn: ({ kind, channel, on }: { kind: string; channel: Channel; on: boolean }) => {
      // E-mail must go along with an SMS change: what the list shows for it now (a save of its own may be on its way).
      const item = current(kind) ?? { kind, email: true };
      return unwrap(client.PUT("/api/v1/me/notification-settings", { body: channelChange(item, channel, on) }));
    },
    onMutate: async ({ kind, channel, on }) => {
      await queryClient.cancelQueries({ queryKey: notificationSettingsKey });
      const before = queryClient.getQueryData<NotificationSettings>(notificationSettingsKey);
      if (before) queryClient.setQueryData(notificationSettingsKey, withChannel(before, kind, channel, on));
      return { before };
    },
    onError: (_error, { kind, channel, on }, context) => {
      // Only this kind's channel goes back: another switch moved meanwhile keeps its own save's fate.
      const now = queryClient.getQueryData<NotificationSettings>(notificationSettingsKey);
      const beforeItem = context?.before?.items.find((item) => item.kind === kind);
      const was = beforeItem ? channelOn(beforeItem, channel) : undefined;
      if (now && was !== undefined) queryClient.setQueryData(notificationSettingsKey, withChannel(now, kind, channel, was));
      else if (context?.before) queryClient.setQueryData(notificationSettingsKey, withChannel(context.before, kind, channel, !on));
    },
    onSuccess: (saved, { kind, channel }) => {
      const now = queryClient.getQueryData<NotificationSettings>(notificationSettingsKey);
      const server = saved.items.find((item) => item.kind === kind);
      queryClient.setQueryData(notificationSettingsKey, now && server ? withChannel(now, kind, channel, channelOn(server, channel)) : saved);
    },
  });
}
