import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert, App, Avatar, Button, Drawer, Empty, Grid, List, Segmented, Spin, Tooltip, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../auth/api";
import { formatDateTime } from "../../../shared/format";
import { recordPath } from "../../../shared/recordLinks";
import { useTimeZone } from "../../../shared/timeZone";
import { relativeTime, timeText } from "../../workbench/relativeTime";
import { useNotifications, useReadAll, useReadNotification, type Notification, type NotificationFilter } from "../api";
import { kindDefinition, notificationText } from "../kinds";

/** The drawer's width beside the page; under antd's `sm` (576 px) it takes the whole screen. */
const DRAWER_WIDTH = 420;

function NotificationItem({ notification, now, onOpen }: { notification: Notification; now: Date; onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { zone } = useTimeZone();
  const definition = kindDefinition(notification.kind);
  const unread = !notification.read;
  const time = relativeTime(notification.created_at, now, zone, "ago");
  return (
    <List.Item
      data-testid="notification-item"
      data-unread={unread ? "true" : "false"}
      data-kind={notification.kind}
      role="button"
      tabIndex={0}
      onClick={() => onOpen(notification)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onOpen(notification);
        }
      }}
      style={{
        cursor: "pointer",
        padding: "12px 16px",
        background: unread ? token.colorPrimaryBg : undefined,
        borderInlineStart: `3px solid ${unread ? token.colorPrimary : "transparent"}`,
      }}
    >
      <List.Item.Meta
        avatar={
          <Avatar
            size="small"
            icon={definition.icon}
            style={{ background: unread ? token.colorPrimary : token.colorFillSecondary, color: unread ? "#fff" : token.colorTextSecondary }}
          />
        }
        title={
          <Typography.Text data-testid="notification-text" strong={unread} type={unread ? undefined : "secondary"} style={{ fontWeight: unread ? 500 : "normal" }}>
            {notificationText(notification, t, { zone, now })}
          </Typography.Text>
        }
        description={
          <span style={{ display: "inline-flex", gap: 8, alignItems: "center", fontSize: token.fontSizeSM }}>
            <Tooltip title={formatDateTime(notification.created_at)}>
              <span data-testid="notification-time">{time ? timeText(t, time) : formatDateTime(notification.created_at)}</span>
            </Tooltip>
            {unread && (
              <Typography.Text style={{ fontSize: token.fontSizeSM, color: token.colorPrimary }}>
                · {t("notifications:unread")}
              </Typography.Text>
            )}
          </span>
        }
      />
    </List.Item>
  );
}

/** The user's notifications: unread or all, newest first, a page at a time. */
export function NotificationDrawer({ open, onClose, unreadCount }: { open: boolean; onClose: () => void; unreadCount: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = usePermission();
  const screens = Grid.useBreakpoint();
  const wide = screens.sm !== false;
  const [filter, setFilter] = useState<NotificationFilter>("all");
  const list = useNotifications(filter, open);
  const read = useReadNotification();
  const readAll = useReadAll();
  // The relative times are computed once per opening and per fetch, not on every render.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (open) setNow(new Date());
  }, [open, list.dataUpdatedAt]);

  // Each opening shows what is new since the last one.
  useEffect(() => {
    if (open) void list.refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const openOne = (n: Notification) => {
    if (!n.read) read.mutate(n.id);
    const own = kindDefinition(n.kind).path;
    const path = own ? own(n) : n.entity && n.record_id ? recordPath(n.entity, n.record_id, n.record_label, can) : undefined;
    if (path) {
      onClose();
      navigate(path);
    }
  };

  const markAll = () =>
    readAll.mutate(undefined, {
      onSuccess: (body) => void message.success(t("notifications:markedAllRead", { count: body.updated })),
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("notifications:title")}
      width={wide ? DRAWER_WIDTH : "100%"}
      data-testid="notification-drawer"
      extra={
        <Button type="link" size="small" data-testid="notification-read-all" disabled={unreadCount === 0} loading={readAll.isPending} onClick={markAll}>
          {t("notifications:markAllRead")}
        </Button>
      }
      styles={{ body: { padding: 0, display: "flex", flexDirection: "column" } }}
    >
      <div style={{ padding: "12px 16px" }}>
        <Segmented<NotificationFilter>
          block
          data-testid="notification-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: "all", label: t("notifications:tabs.all") },
            { value: "unread", label: unreadCount > 0 ? `${t("notifications:tabs.unread")} (${unreadCount > 99 ? "99+" : unreadCount})` : t("notifications:tabs.unread") },
          ]}
        />
      </div>
      {list.isError ? (
        <div style={{ padding: 16 }}>
          <Alert
            type="error"
            showIcon
            message={t("notifications:loadFailed")}
            action={
              <Button size="small" onClick={() => void list.refetch()}>
                {t("notifications:retry")}
              </Button>
            }
          />
        </div>
      ) : list.isPending ? (
        <div style={{ padding: 48, textAlign: "center" }}>
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty data-testid="notification-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filter === "unread" ? "notifications:empty.unread" : "notifications:empty.all")} style={{ padding: 48 }} />
      ) : (
        <>
          <List
            data-testid="notification-list"
            dataSource={items}
            rowKey="id"
            split
            renderItem={(n) => <NotificationItem notification={n} now={now} onOpen={openOne} />}
          />
          <div style={{ padding: 16, textAlign: "center" }}>
            {list.hasNextPage ? (
              <Button data-testid="notification-load-more" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t("notifications:loadMore")}
              </Button>
            ) : (list.data?.pages.length ?? 0) > 1 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("notifications:noMore")}
              </Typography.Text>
            )}
          </div>
        </>
      )}
    </Drawer>
  );
}
